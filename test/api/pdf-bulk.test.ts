import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/logger.ts';
import type { PdfJob, PdfRenderer } from '../../src/lib/pdf-renderer.ts';
import { createInProcessPdfRenderer } from '../../src/modules/pdf/in-process-renderer.ts';
import { pdfText } from '../helpers/pdf.ts';
import { publishedPeriod, resultVersion } from '../helpers/results.ts';
import { createTestContext, PUBLIC_URL, type TestContext, unique } from '../helpers/test-app.ts';

/** The test context's renderer: the in-process one, counting its renders, and failing the nth when told to. */
const renders = { count: 0, failOn: 0 };
const inProcess = createInProcessPdfRenderer();
const counting: PdfRenderer = {
  async render(job: PdfJob) {
    renders.count++;
    if (renders.count === renders.failOn) throw new Error('the renderer broke');
    return inProcess.render(job);
  },
  close: () => inProcess.close(),
};
const logs: string[] = [];

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext({ pdf: counting, logger: createLogger('error', (line) => logs.push(line)) });
});
afterAll(async () => ctx?.close());

const code = () =>
  unique('c')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/**
 * A published 2025 as the publication leaves it, written directly: version 1 issued certificates to Alfa, Beta
 * (KEMENTERIAN) and Gama (PEMPROV); version 2 changed Alfa's final, revoking its certificate and issuing a new one.
 * In force: Alfa's new one, Beta's, Gama's.
 */
async function publishedWorld(options: { stage?: 'published' | 'results' } = {}) {
  const commission = await ctx.factory.commission(['KEMENTERIAN', 'PEMPROV']);
  const periodId = await publishedPeriod(ctx, {
    commissionId: commission.id,
    year: 2025,
    title: 'Monev 2025',
    stage: options.stage ?? 'published',
    settings: { signatory: { name: 'Ketua Komisi Uji', title: 'Ketua' } },
  });
  const bodies = {
    alfa: await ctx.factory.body(commission.id, 'KEMENTERIAN', unique('Alfa Kementerian ')),
    beta: await ctx.factory.body(commission.id, 'KEMENTERIAN', unique('Beta Kementerian ')),
    gama: await ctx.factory.body(commission.id, 'PEMPROV', unique('Gama Provinsi ')),
  };
  const versions: string[] = [];
  for (const version of [1, 2]) {
    const finals = { alfa: version === 1 ? '95.00' : '93.50', beta: '91.25', gama: '82.10' };
    const id = await resultVersion(ctx, {
      commissionId: commission.id,
      periodId,
      version,
      decreeNumber: `${version}/KEP/KI/XII/2025`,
      decreeDate: `2025-12-1${version}`,
      rows: (['alfa', 'beta', 'gama'] as const).map((key, position) => ({
        bodyId: bodies[key].id,
        bodyName: bodies[key].name,
        categoryCode: key === 'gama' ? 'PEMPROV' : 'KEMENTERIAN',
        final: finals[key],
        band: key === 'gama' ? 'Menuju Informatif' : 'Informatif',
        bandIndex: key === 'gama' ? 1 : 0,
        rank: key === 'gama' ? 1 : position + 1,
      })),
    });
    versions.push(id);
  }
  const certificate = async (key: keyof typeof bodies, versionIndex: number, final: string) => {
    const c = code();
    await ctx.db
      .insertInto('certificates')
      .values({
        code: c,
        commissionId: commission.id,
        periodId,
        versionId: versions[versionIndex]!,
        bodyId: bodies[key].id,
        bodyName: bodies[key].name,
        band: key === 'gama' ? 'Menuju Informatif' : 'Informatif',
        final,
      })
      .execute();
    return c;
  };
  const revoked = await certificate('alfa', 0, '95.00');
  const inForce = {
    beta: await certificate('beta', 0, '91.25'),
    gama: await certificate('gama', 0, '82.10'),
    alfa: await certificate('alfa', 1, '93.50'),
  };
  await ctx.db
    .updateTable('certificates')
    .set({ revokedAt: new Date(), revokedByVersionId: versions[1]!, replacedBy: inForce.alfa })
    .where('code', '=', revoked)
    .execute();
  const user = async (role: 'commission_admin' | 'leadership' | 'evaluator') =>
    (await ctx.factory.user(role, { commissionId: commission.id })).cookie;
  return { commission, periodId, bodies, revoked, inForce, user };
}

const zipPath = (periodId: string, query = '') => `/api/periods/${periodId}/certificates.zip${query}`;
const squeeze = (text: string) => text.replace(/\s+/g, '');
const concat = (chunks: Uint8Array[]) => new Uint8Array(Buffer.concat(chunks));

describe('GET /periods/:pid/certificates.zip', () => {
  it('holds one PDF per certificate in force, revoked ones left out, and the list as CSV', async () => {
    const w = await publishedWorld();
    const res = await ctx.request('GET', zipPath(w.periodId), { cookie: await w.user('commission_admin') });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="piagam-2025.zip"');
    expect(res.headers.get('x-certificate-count')).toBe('3');
    const files = unzipSync(res.bytes);
    const names = Object.keys(files);
    // category, then body name: Alfa, Beta (KEMENTERIAN), Gama (PEMPROV); the list last
    expect(names).toEqual([
      expect.stringMatching(/^piagam\/0001-alfa-kementerian-[a-z0-9-]+\.pdf$/),
      expect.stringMatching(/^piagam\/0002-beta-kementerian-[a-z0-9-]+\.pdf$/),
      expect.stringMatching(/^piagam\/0003-gama-provinsi-[a-z0-9-]+\.pdf$/),
      'daftar-piagam.csv',
    ]);
    const expected = [
      [w.bodies.alfa.name, w.inForce.alfa],
      [w.bodies.beta.name, w.inForce.beta],
      [w.bodies.gama.name, w.inForce.gama],
    ] as const;
    for (const [i, [bodyName, certificateCode]] of expected.entries()) {
      const pdf = files[names[i]!]!;
      expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
      const text = squeeze(await pdfText(pdf));
      expect(text).toContain(squeeze(bodyName));
      expect(text).toContain(certificateCode);
      expect(text).not.toContain(w.revoked);
    }
    const csv = new TextDecoder().decode(files['daftar-piagam.csv']!).trimEnd().split('\r\n');
    expect(csv).toEqual([
      'file,code,bodyName,categoryName,band,final,verifyUrl',
      `${names[0]},${w.inForce.alfa},${w.bodies.alfa.name},Kategori KEMENTERIAN,Informatif,93.50,${PUBLIC_URL}/verify/${w.inForce.alfa}`,
      `${names[1]},${w.inForce.beta},${w.bodies.beta.name},Kategori KEMENTERIAN,Informatif,91.25,${PUBLIC_URL}/verify/${w.inForce.beta}`,
      `${names[2]},${w.inForce.gama},${w.bodies.gama.name},Kategori PEMPROV,Menuju Informatif,82.10,${PUBLIC_URL}/verify/${w.inForce.gama}`,
    ]);
  });

  it('renders a certificate only when the client has read the one before', async () => {
    const w = await publishedWorld();
    const response = await ctx.app.request(zipPath(w.periodId, '?lang=en'), {
      headers: { cookie: await w.user('leadership'), origin: PUBLIC_URL },
    });
    expect(response.status).toBe(200);
    const before = renders.count;
    const reader = response.body!.getReader();
    const chunks: Uint8Array[] = [];
    const first = await reader.read();
    chunks.push(first.value!);
    // the first entry's header is out after one render, and nothing more is rendered while the client does not read
    expect(new TextDecoder().decode(first.value!.subarray(30, 37))).toBe('piagam/');
    expect(renders.count - before).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(renders.count - before).toBe(1);
    for (let read = await reader.read(); !read.done; read = await reader.read()) chunks.push(read.value);
    expect(renders.count - before).toBe(3);
    // the progress the client shows: local headers whose name starts with piagam/
    const all = concat(chunks);
    let entries = 0;
    for (let i = 0; i + 37 <= all.length; i++) {
      if (all[i] === 0x50 && all[i + 1] === 0x4b && all[i + 2] === 3 && all[i + 3] === 4) {
        if (new TextDecoder().decode(all.subarray(i + 30, i + 37)) === 'piagam/') entries++;
      }
    }
    expect(entries).toBe(3);
    expect(Object.keys(unzipSync(all))).toHaveLength(4);
  });

  it('cuts the download short when a render fails, so the ZIP never looks complete, and logs it', async () => {
    const w = await publishedWorld();
    const cookie = await w.user('commission_admin');
    renders.failOn = renders.count + 2;
    try {
      const response = await ctx.app.request(zipPath(w.periodId), { headers: { cookie, origin: PUBLIC_URL } });
      expect(response.status).toBe(200);
      const reader = response.body!.getReader();
      const received: Uint8Array[] = [];
      await expect(
        (async () => {
          for (let read = await reader.read(); !read.done; read = await reader.read()) received.push(read.value);
        })(),
      ).rejects.toThrow(/the renderer broke/);
      // the first certificate arrived; no central directory: no unzip accepts it
      expect(received.length).toBeGreaterThan(0);
      expect(() => unzipSync(concat(received))).toThrow();
      const failure = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'pdf.zip_failed');
      expect(failure).toMatchObject({ periodId: w.periodId, entry: expect.stringMatching(/^piagam\/0002-/) });
    } finally {
      renders.failOn = 0;
    }
  });

  it('is for the commission’s admins and leadership: 403 to other roles, 404 to another commission', async () => {
    const w = await publishedWorld();
    const get = (cookie?: string) => ctx.request('GET', zipPath(w.periodId), { cookie });
    const operator = await ctx.factory.user('body_operator', {
      commissionId: w.commission.id,
      bodyId: w.bodies.beta.id,
    });
    const platform = await ctx.factory.user('platform_admin');
    const outsider = await ctx.factory.user('commission_admin', {
      commissionId: (await ctx.factory.commission()).id,
    });
    const before = renders.count;
    expect((await get(await w.user('evaluator'))).status).toBe(403);
    expect((await get(operator.cookie)).status).toBe(403);
    expect((await get(outsider.cookie)).status).toBe(404);
    expect((await get()).status).toBe(401);
    expect(renders.count).toBe(before);
    expect((await get(platform.cookie)).status).toBe(200);
    expect((await get(await w.user('leadership'))).status).toBe(200);
  });

  it('is a 404 with a clear detail before publication, and a 422 for an unknown language', async () => {
    const w = await publishedWorld({ stage: 'results' });
    const cookie = await w.user('commission_admin');
    const res = await ctx.request('GET', zipPath(w.periodId), { cookie });
    expect(res.status).toBe(404);
    expect(res.json.detail).toMatch(/not published/);
    expect((await ctx.request('GET', zipPath('nonexistent'), { cookie })).status).toBe(404);
    const published = await publishedWorld();
    const bad = await ctx.request('GET', zipPath(published.periodId, '?lang=fr'), {
      cookie: await published.user('commission_admin'),
    });
    expect(bad.status).toBe(422);
  });
});
