import { afterEach, describe, expect, it } from 'vitest';
import type { PdfJob } from '../../src/lib/pdf-renderer.ts';
import { renderPdf } from '../../src/modules/pdf/in-process-renderer.ts';
import type { PdfSpec } from '../../src/modules/pdf/pdf-types.ts';
import { createWorkerPdfRenderer, type WorkerPdfRenderer } from '../../src/modules/pdf/worker-renderer.ts';
import { pdfText } from '../helpers/pdf.ts';

const ECHO = new URL('../helpers/echo-renderer.ts', import.meta.url).href;

const certificate = (bodyName: string): PdfSpec => ({
  kind: 'certificate',
  lang: 'id',
  data: {
    code: 'abcdefghijklmnopqrstuvwxyz',
    verifyUrl: 'http://localhost:3000/verify/abcdefghijklmnopqrstuvwxyz',
    commissionName: 'Komisi Informasi Pusat',
    bodyName,
    categoryName: 'Kementerian',
    band: 'Informatif',
    final: 93.27,
    decimals: 2,
    year: 2025,
    decreeNumber: '12/KEP/KIP/XII/2025',
    decreeDate: '2025-12-15',
    version: 1,
    signatory: { name: 'Donny Yoesgiantoro', title: 'Ketua' },
    revoked: false,
  },
});
const echo = (n: number): PdfJob => ({ kind: 'echo', lang: 'id', data: { n } });
const decode = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));

let renderer: WorkerPdfRenderer | undefined;
afterEach(async () => {
  await renderer?.close();
  renderer = undefined;
});

describe('the worker renderer', () => {
  it('renders in a worker thread what the in-process renderer renders', async () => {
    renderer = createWorkerPdfRenderer();
    const spec = certificate('Kementerian Komunikasi dan Digital');
    const [inWorker, inProcess] = [await renderer.render(spec), await renderPdf(spec)];
    expect(new TextDecoder().decode(inWorker.subarray(0, 5))).toBe('%PDF-');
    const text = await pdfText(inWorker);
    expect(text).toContain('Kementerian Komunikasi dan Digital');
    expect(text).toBe(await pdfText(inProcess));
    expect(renderer.stats()).toMatchObject({ rendered: 1, workersStarted: 1, crashes: 0 });
  });

  it('replaces its worker after N documents, keeping every job and their order', async () => {
    renderer = createWorkerPdfRenderer({ renderer: ECHO, recycleAfter: 3, prestart: 1 });
    // asked all at once: they still render one at a time, in order, three per worker
    const all = await Promise.all(Array.from({ length: 7 }, (_, n) => renderer!.render(echo(n))));
    expect(all.map((bytes) => decode(bytes).data.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(renderer.stats()).toMatchObject({ rendered: 7, failed: 0, workersStarted: 3, crashes: 0, queued: 0 });
    // one after the other: the third worker's 2nd job (prestart 1 before its end) starts the fourth, which takes the
    // 10th document once the third has rendered its 3
    expect(decode(await renderer.render(echo(7))).data.n).toBe(7);
    expect(renderer.stats()).toMatchObject({ rendered: 8, workersStarted: 4 });
    for (const n of [8, 9]) expect(decode(await renderer.render(echo(n))).data.n).toBe(n);
    expect(renderer.stats()).toMatchObject({ rendered: 10, workersStarted: 4, crashes: 0 });
  });

  it('rejects a bad spec alone: the jobs around it render in the same worker', async () => {
    renderer = createWorkerPdfRenderer();
    const bad = { kind: 'nonsense', lang: 'id', data: {} } as unknown as PdfSpec;
    const results = await Promise.allSettled([
      renderer.render(certificate('Badan Sebelum')),
      renderer.render(bad),
      renderer.render(certificate('Badan Sesudah')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/PDF render failed/);
    expect(await pdfText((results[2] as PromiseFulfilledResult<Uint8Array>).value)).toContain('Badan Sesudah');
    expect(renderer.stats()).toMatchObject({ rendered: 2, failed: 1, workersStarted: 1, crashes: 0 });
  });

  it('replaces a worker that dies, rejecting only the job it had', async () => {
    renderer = createWorkerPdfRenderer({ renderer: ECHO });
    const results = await Promise.allSettled([
      renderer.render(echo(1)),
      renderer.render({ kind: 'exit', lang: 'id', data: {} }),
      renderer.render(echo(2)),
      renderer.render({ kind: 'uncaught', lang: 'id', data: {} }),
      renderer.render(echo(3)),
      renderer.render({ kind: 'throw', lang: 'id', data: {} }),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/worker stopped \(7\)/);
    expect(String((results[5] as PromiseRejectedResult).reason)).toMatch(/cannot be rendered/);
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => decode(r.value).data.n)).toEqual([1, 2, 3]);
    expect(renderer.stats()).toMatchObject({ rendered: 3, failed: 3, workersStarted: 3, crashes: 2 });
  });

  it('ends an idle worker and starts another for the next job', async () => {
    renderer = createWorkerPdfRenderer({ renderer: ECHO, idleMs: 50 });
    await renderer.render(echo(1));
    await renderer.render(echo(2));
    expect(renderer.stats().workersStarted).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(decode(await renderer.render(echo(3))).data.n).toBe(3);
    expect(renderer.stats()).toMatchObject({ rendered: 3, workersStarted: 2, crashes: 0 });
  });

  it('close() rejects the job in hand, those waiting and any later one', async () => {
    renderer = createWorkerPdfRenderer({ renderer: ECHO });
    await renderer.render(echo(0));
    const hanging = renderer.render({ kind: 'hang', lang: 'id', data: {} });
    const waiting = renderer.render(echo(1));
    hanging.catch(() => {});
    waiting.catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    await renderer.close();
    await expect(waiting).rejects.toThrow(/closed/);
    await expect(hanging).rejects.toThrow();
    await expect(renderer.render(echo(2))).rejects.toThrow(/closed/);
    expect(renderer.stats().crashes).toBe(0);
  });
});
