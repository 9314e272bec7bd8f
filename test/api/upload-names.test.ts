import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saqWorld } from '../helpers/saq.ts';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

function form(name: string) {
  const f = new FormData();
  f.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
  return f;
}

/** A multipart body written by hand, for the header forms a FormData never sends (RFC 5987 `filename*=`). */
function rawMultipart(disposition: string) {
  const boundary = 'informatif-boundary-0123';
  const raw = `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: application/pdf\r\n\r\n${new TextDecoder().decode(PDF)}\r\n--${boundary}--\r\n`;
  return { raw, contentType: `multipart/form-data; boundary=${boundary}` };
}

async function storedName(fileId: string) {
  const row = await ctx.db.selectFrom('files').select('name').where('id', '=', fileId).executeTakeFirstOrThrow();
  return row.name;
}

describe('uploaded file names', () => {
  it('stores a UTF-8 name as sent, and sends it back in an RFC 6266 Content-Disposition', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form('Laporan–Tahunan é.pdf'),
    });
    expect(res.status).toBe(201);
    expect(res.json.name).toBe('Laporan–Tahunan é.pdf');
    expect(await storedName(res.json.fileId)).toBe('Laporan–Tahunan é.pdf');
    const get = await ctx.request('GET', `/api/files/${res.json.fileId}`, { cookie: w.operator.cookie });
    expect(get.status).toBe(200);
    expect(get.headers.get('content-disposition')).toBe(
      `attachment; filename="Laporan_Tahunan _.pdf"; filename*=UTF-8''Laporan%E2%80%93Tahunan%20%C3%A9.pdf`,
    );
  });

  it('reads an RFC 5987 filename*= in preference to the plain filename', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      ...rawMultipart(`filename="Laporan_Tahunan.pdf"; filename*=UTF-8''Laporan%E2%80%93Tahunan%20%C3%A9.pdf`),
    });
    expect(res.status).toBe(201);
    expect(await storedName(res.json.fileId)).toBe('Laporan–Tahunan é.pdf');
  });

  it('removes bidirectional-control and control characters from the stored name', async () => {
    const w = await saqWorld(ctx);
    const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      form: form('evil\u202Efdp\u2066\u200f\u061c\u0085.exe.pdf'),
    });
    expect(res.status).toBe(201);
    expect(await storedName(res.json.fileId)).toBe('evilfdp.exe.pdf');
    expect(res.json.name).toBe('evilfdp.exe.pdf');
  });

  it('removes a NUL, C0 controls and DEL decoded from filename*=, and refuses them raw in the header', async () => {
    const w = await saqWorld(ctx);
    const encoded = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      ...rawMultipart(`filename*=UTF-8''bu%00kti%E2%80%AE%01%1B%7F.pdf`),
    });
    // NUL is text PostgreSQL cannot store: refused (422) as everywhere at the edge, with where it was, and nothing kept
    expect(encoded.status).toBe(422);
    expect(encoded.json.errors).toEqual([{ path: 'multipart.filename', message: expect.stringContaining('NUL') }]);
    const kept = await ctx.db.selectFrom('files').select('id').where('submissionId', '=', w.submission.id).execute();
    expect(kept).toEqual([]);
    const clean = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      ...rawMultipart(`filename*=UTF-8''bu%E2%80%AEkti%01%1B%7F.pdf`),
    });
    expect(clean.status).toBe(201);
    expect(await storedName(clean.json.fileId)).toBe('bukti.pdf');
    // a raw control character is no valid header text: the part is unreadable (400), or refused at the edge (422)
    const raw = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
      cookie: w.operator.cookie,
      ...rawMultipart('filename="bu\u0000kti\u0001.pdf"'),
    });
    expect([400, 422]).toContain(raw.status);
    expect(raw.headers.get('content-type')).toContain('application/problem+json');
  });

  // (a lone surrogate cannot travel in a multipart body: FormData and UTF-8 decoding turn it into U+FFFD)
  it('refuses a NUL in a text field sent beside the file (422), before or after the file', async () => {
    const w = await saqWorld(ctx);
    for (const [before, value] of [
      [true, 'a\u0000b'],
      [false, 'x\u0000y'],
    ] as const) {
      const f = new FormData();
      if (before) f.append('note', value);
      f.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'bukti.pdf');
      if (!before) f.append('note', value);
      const res = await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
        cookie: w.operator.cookie,
        form: f,
      });
      expect(res.status).toBe(422);
      expect(res.json.errors[0].path).toBe('multipart.fields.0.value');
    }
    const fine = new FormData();
    fine.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'bukti.pdf');
    fine.append('note', 'catatan biasa');
    expect(
      (
        await ctx.request('POST', `/api/submissions/${w.submission.id}/files`, {
          cookie: w.operator.cookie,
          form: fine,
        })
      ).status,
    ).toBe(201);
  });
});
