/**
 * The Node host's renderer: a worker thread (render-worker.ts) renders, and is replaced every `recycleAfter` documents
 * so that what react-pdf keeps per document it has rendered (about 20 KB, STACK.md) never accumulates
 * (docs/decisions/015-pdf-rendering.md). This file never imports react-pdf: the main thread only queues specs.
 *
 * - One queue, one rendering worker: jobs render one at a time, in the order they were asked for.
 * - Recycling: the worker that has taken its last job is replaced. Its successor starts while the old one renders
 *   its last job (or its last `prestart` jobs) and is warmed with a copy of that job: a worker takes about a second to
 *   load react-pdf and parse the fonts. Starting it earlier hides that second but keeps two full workers alive
 *   together: 25 MB more peak RSS for the 1,000-certificate ZIP (decision 015), so the default is the last job.
 * - A render that throws rejects its own job; a worker that dies (a crash, out of memory) rejects the job it had and is
 *   replaced for the next one.
 * - An idle worker ends after `idleMs`, giving its memory back; the next job starts another.
 * - `close()` ends everything; pending and later jobs reject.
 */
import { Worker } from 'node:worker_threads';
import type { Logger } from '../../lib/logger.ts';
import type { PdfJob, PdfRenderer } from '../../lib/pdf-renderer.ts';
import type { RenderReply, RenderRequest, RenderWorkerData } from './render-worker.ts';

export interface WorkerRendererOptions {
  /** Documents a worker renders before it is replaced (default 200). */
  recycleAfter?: number;
  /** Jobs before the end of a worker's life at which its successor is started and warmed (default 0: the last). */
  prestart?: number;
  /** An idle worker ends after this many milliseconds (default 60 s). */
  idleMs?: number;
  /** The worker's V8 old-generation limit: a runaway document kills its worker, not the server (default 512 MB). */
  maxHeapMb?: number;
  /**
   * The worker's V8 young generation (default 8 MB; V8's own grows to 48): a render's garbage dies young, and the
   * smaller nursery took about 20 MB off the process's peak RSS over 150 certificates (190 to 168 MB; decision 015).
   */
  youngGenerationMb?: number;
  /** The module that renders in the worker (a file URL exporting `renderPdf`); default: in-process-renderer.ts. */
  renderer?: string;
  logger?: Logger;
}

/** What tests and the benchmark read: documents rendered, renders failed, workers started, workers that died. */
export interface WorkerRendererStats {
  rendered: number;
  failed: number;
  workersStarted: number;
  crashes: number;
  /** Jobs waiting for the worker (not counting the one it renders). */
  queued: number;
}

export interface WorkerPdfRenderer extends PdfRenderer {
  stats(): WorkerRendererStats;
}

interface Pending {
  id: number;
  job: PdfJob;
  resolve: (bytes: Uint8Array) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Jobs handed to this worker (not its warm-up): it retires once this reaches recycleAfter. */
  taken: number;
  current: Pending | undefined;
  /** Ended by us (recycled, idle, closed): its exit is no crash. */
  ending: boolean;
}

const WORKER_BOOT = new URL('./render-worker-boot.mjs', import.meta.url);
const WORKER_ENTRY = new URL('./render-worker.ts', import.meta.url).href;
const DEFAULT_RENDERER = new URL('./in-process-renderer.ts', import.meta.url).href;

export function createWorkerPdfRenderer(options: WorkerRendererOptions = {}): WorkerPdfRenderer {
  const recycleAfter = Math.max(1, options.recycleAfter ?? 200);
  const prestart = Math.min(Math.max(0, options.prestart ?? 0), recycleAfter - 1);
  const idleMs = options.idleMs ?? 60_000;
  const workerData: RenderWorkerData = { entry: WORKER_ENTRY, renderer: options.renderer ?? DEFAULT_RENDERER };
  const counters = { rendered: 0, failed: 0, workersStarted: 0, crashes: 0 };
  const queue: Pending[] = [];
  let active: Slot | undefined;
  let standby: Slot | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let nextId = 1;
  let closed = false;

  function start(): Slot {
    const worker = new Worker(WORKER_BOOT, {
      workerData,
      // React's production build, in the worker alone (the server's environment is left as it is): the development
      // build's checks cost about 10 % of a render
      env: { ...process.env, NODE_ENV: 'production' },
      resourceLimits: {
        maxOldGenerationSizeMb: options.maxHeapMb ?? 512,
        maxYoungGenerationSizeMb: options.youngGenerationMb ?? 8,
      },
    });
    counters.workersStarted++;
    const slot: Slot = { worker, taken: 0, current: undefined, ending: false };
    worker.on('message', (reply: RenderReply) => onReply(slot, reply));
    worker.on('error', (error) => {
      options.logger?.error('pdf.worker_error', { error: error.message });
    });
    worker.on('exit', (code) => onExit(slot, code));
    // only a worker with a job keeps the process alive (pump refs it): an idle one must not hold a CLI or a test open
    worker.unref();
    return slot;
  }

  /** Resolves once the worker has exited (and onExit has run): terminate() settles after the 'exit' listeners. */
  async function end(slot: Slot | undefined): Promise<void> {
    if (!slot) return;
    slot.ending = true;
    await slot.worker.terminate();
  }

  function onReply(slot: Slot, reply: RenderReply): void {
    const pending = slot.current;
    if (!pending || pending.id !== reply.id) return; // a warm-up's answer
    slot.current = undefined;
    slot.worker.unref();
    if (reply.ok) {
      counters.rendered++;
      pending.resolve(reply.bytes);
    } else {
      counters.failed++;
      pending.reject(new Error(`PDF render failed: ${reply.message}`));
    }
    if (slot === active && slot.taken >= recycleAfter) {
      active = undefined;
      void end(slot);
    }
    pump();
  }

  function onExit(slot: Slot, code: number): void {
    if (slot === standby) standby = undefined;
    if (slot === active) active = undefined;
    if (!slot.ending) {
      counters.crashes++;
      options.logger?.error('pdf.worker_exited', { code });
    }
    const pending = slot.current;
    slot.current = undefined;
    if (pending) {
      counters.failed++;
      pending.reject(new Error(closed ? 'The PDF renderer was closed.' : `The PDF render worker stopped (${code}).`));
    }
    pump();
  }

  function pump(): void {
    if (closed || active?.current) return;
    const pending = queue.shift();
    if (!pending) {
      armIdle();
      return;
    }
    clearTimeout(idleTimer);
    if (!active) {
      active = standby ?? start();
      standby = undefined;
    }
    const slot = active;
    slot.current = pending;
    slot.taken++;
    slot.worker.ref();
    slot.worker.postMessage({ id: pending.id, job: pending.job } satisfies RenderRequest);
    // near the end of this worker's life: its successor loads now, and warms up on a copy of this job
    if (!standby && slot.taken >= recycleAfter - prestart) {
      standby = start();
      standby.worker.postMessage({ id: 0, job: pending.job } satisfies RenderRequest);
    }
  }

  function armIdle(): void {
    clearTimeout(idleTimer);
    if (!active && !standby) return;
    idleTimer = setTimeout(() => {
      if (active?.current || queue.length > 0) return;
      const ending = [active, standby];
      active = undefined;
      standby = undefined;
      for (const slot of ending) void end(slot);
    }, idleMs);
    idleTimer.unref();
  }

  return {
    render(job: PdfJob): Promise<Uint8Array> {
      if (closed) return Promise.reject(new Error('The PDF renderer was closed.'));
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, job, resolve, reject });
        pump();
      });
    },
    async close(): Promise<void> {
      closed = true;
      clearTimeout(idleTimer);
      for (const pending of queue.splice(0)) pending.reject(new Error('The PDF renderer was closed.'));
      const ending = [active, standby];
      active = undefined;
      standby = undefined;
      await Promise.all(ending.map(end));
    },
    stats: () => ({ ...counters, queued: queue.length }),
  };
}
