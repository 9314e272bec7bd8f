import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3]);
const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const EXE = Uint8Array.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);

function form(bytes: Uint8Array, name: string, type = 'application/pdf') {
  const f = new FormData();
  f.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return f;
}

async function sha256(bytes: Uint8Array) {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('evidence files', () => {
  it('stores a PDF with its size and SHA-256, and serves it back to the body and staff only', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form(PDF, 'SK PPID 2026.pdf'),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      name: 'SK PPID 2026.pdf',
      size: PDF.length,
      contentType: 'application/pdf',
      sha256: await sha256(PDF),
    });
    const get = await ctx.request('GET', `/api/files/${res.json.fileId}`, { cookie: w.operator.cookie });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-type')).toBe('application/pdf');
    expect(get.headers.get('content-disposition')).toContain("filename*=UTF-8''SK%20PPID%202026.pdf");
    expect(get.bytes).toEqual(PDF);
    const admin = await ctx.request('GET', `/api/files/${res.json.fileId}`, { cookie: w.admin.cookie });
    expect(admin.status).toBe(200);
    const other = await ctx.factory.body(w.commission.id, 'KEMENTERIAN');
    const stranger = await ctx.factory.user('body_operator', { commissionId: w.commission.id, bodyId: other.id });
    expect((await ctx.request('GET', `/api/files/${res.json.fileId}`, { cookie: stranger.cookie })).status).toBe(404);
    expect(
      (
        await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
          cookie: stranger.cookie,
          form: form(PDF, 'x.pdf'),
        })
      ).status,
    ).toBe(404);
    expect((await ctx.request('GET', `/api/files/${res.json.fileId}`)).status).toBe(401);
  });

  it('stores PNG bytes named .pdf as a PNG', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form(PNG, 'bukti.pdf'),
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ contentType: 'image/png', name: 'bukti.png' });
    const get = await ctx.request('GET', `/api/files/${res.json.fileId}`, { cookie: w.operator.cookie });
    expect(get.headers.get('content-type')).toBe('image/png');
  });

  it('refuses an executable named .pdf with 415 and keeps nothing', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form(EXE, 'laporan.pdf'),
    });
    expect(res.status).toBe(415);
    expect(res.json.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(await ctx.db.selectFrom('files').select('id').where('submissionId', '=', w.submission.id).execute()).toEqual(
      [],
    );
    expect(await readdir(path.join(ctx.fileDir, 'tmp'))).toEqual([]);
  });

  it('answers 413 to a 25 MB upload and keeps nothing', async () => {
    const w = await saqWorld(ctx);
    const big = new Uint8Array(25 * 1024 * 1024);
    big.set(PDF);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form(big, 'besar.pdf'),
    });
    expect(res.status).toBe(413);
    expect(res.json.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await ctx.db.selectFrom('files').select('id').where('submissionId', '=', w.submission.id).execute()).toEqual(
      [],
    );
  });

  it('attaches an uploaded file as evidence; a file of another submission is refused', async () => {
    const w = await saqWorld(ctx);
    const up = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form(PDF, 'dip.pdf'),
    });
    const save = await ctx.request('PATCH', `/api/submissions/${w.submission.id}/answers`, {
      cookie: w.operator.cookie,
      headers: { 'if-match': '0' },
      body: {
        answers: [
          {
            questionCode: '1.1',
            value: true,
            evidence: [{ fileId: up.json.fileId }, { url: 'https://ppid.example.go.id/dip' }],
          },
        ],
      },
    });
    expect(save.status).toBe(200);
    const view = await ctx.request('GET', `/api/submissions/${w.submission.id}`, { cookie: w.operator.cookie });
    expect(view.json.submission.answers[0].evidence).toMatchObject([
      { fileId: up.json.fileId, name: 'dip.pdf', size: PDF.length, contentType: 'application/pdf' },
      { url: 'https://ppid.example.go.id/dip' },
    ]);
    const other = await saqWorld(ctx);
    const foreign = await ctx.request('PATCH', `/api/submissions/${other.submission.id}/answers`, {
      cookie: other.operator.cookie,
      headers: { 'if-match': '0' },
      body: { answers: [{ questionCode: '1.1', value: true, evidence: [{ fileId: up.json.fileId }] }] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.json.errors[0].path).toBe('answers.0.evidence.0.fileId');
  });

  it('refuses a non-multipart upload with 415', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      body: { file: 'x' },
    });
    expect(res.status).toBe(415);
  });
});
