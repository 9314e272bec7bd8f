/**
 * The render worker (a worker_threads thread started by worker-renderer.ts through render-worker-boot.mjs): renders
 * the specs it is sent, one at a time in the order they come, and answers each with its PDF bytes (transferred, not
 * copied) or the error's message. react-pdf and React are loaded here, never in the server's main thread.
 *
 * The module that renders is `workerData.renderer` (a file URL exporting `renderPdf(spec)`): the in-process renderer
 * for the app; the benchmark hands in its minimal document, so that both go through the same machinery.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PdfJob } from '../../lib/pdf-renderer.ts';

/** A job for the worker; id 0 is a warm-up whose answer the main thread ignores. */
export interface RenderRequest {
  id: number;
  job: PdfJob;
}

export type RenderReply = { id: number; ok: true; bytes: Uint8Array } | { id: number; ok: false; message: string };

export interface RenderWorkerData {
  entry: string;
  renderer: string;
}

const port = parentPort;
if (!port) throw new Error('render-worker.ts runs as a worker thread (worker-renderer.ts starts it)');
const { renderer } = workerData as RenderWorkerData;
const { renderPdf } = (await import(renderer)) as { renderPdf: (job: PdfJob) => Promise<Uint8Array> };

async function handle({ id, job }: RenderRequest): Promise<void> {
  try {
    const bytes = await renderPdf(job);
    // a Buffer may be a view into a shared pool: send an ArrayBuffer of its own, which can be transferred
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    port?.postMessage({ id, ok: true, bytes: own } satisfies RenderReply, [own.buffer as ArrayBuffer]);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    port?.postMessage({ id, ok: false, message } satisfies RenderReply);
  }
}

// one render at a time: a warm-up and the next job may arrive together, and react-pdf's font cache is shared
let chain = Promise.resolve();
port.on('message', (request: RenderRequest) => {
  chain = chain.then(() => handle(request));
});
