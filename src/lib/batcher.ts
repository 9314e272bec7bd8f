/**
 * Group commit: calls that arrive while earlier ones are being written wait and go together, as one statement, when a
 * slot frees up. Nothing waits when the database is idle (the first call goes at once, alone); under load, batches grow
 * by themselves, so the cost per call (round trip, commit, socket writes) falls exactly when it matters.
 *
 * Calls with the same key (one submission) never share a batch nor run in two batches at once: each sees the other's
 * outcome. A failed batch of several is not an answer for any of them: each gets `undefined` and its caller takes its
 * own slow path, where its own error (if any) surfaces; a failed batch of one rejects with the error.
 */
import { channel } from 'node:diagnostics_channel';

/** Every batch written is published here as `BatchEvent` (for benchmarks and diagnostics; free without subscribers). */
export const batchChannel = channel('informatif.batch');

export interface BatchEvent {
  name: string;
  size: number;
  /** How long the batch's oldest call waited before the batch went. */
  waitedMs: number;
  /** How long the batch took to write. */
  ranMs: number;
}

export interface Batcher<I, O> {
  submit(item: I): Promise<O | undefined>;
}

export interface BatcherOptions<I, O> {
  /** Names the batcher's events on `batchChannel`. */
  name?: string;
  /** Writes a batch; returns one outcome per item, in order. */
  run: (items: I[]) => Promise<O[]>;
  key: (item: I) => string;
  /** Batches in flight at once (database connections used). */
  slots?: number;
  maxBatch?: number;
  /**
   * Under steady load (a batch ended less than this many milliseconds ago), a lone call waits up to this long for
   * company before it goes, as PostgreSQL's commit_delay does; when calls are rare they go at once. 0: never wait.
   */
  gatherMs?: number;
}

interface Waiting<I, O> {
  item: I;
  key: string;
  resolve: (outcome: O | undefined) => void;
  reject: (error: unknown) => void;
  at: number;
}

export function createBatcher<I, O>(options: BatcherOptions<I, O>): Batcher<I, O> {
  const slots = options.slots ?? 2;
  const maxBatch = options.maxBatch ?? 200;
  const gatherMs = options.gatherMs ?? 0;
  let queue: Waiting<I, O>[] = [];
  let inFlight = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  let gathering: ReturnType<typeof setTimeout> | undefined;
  const busyKeys = new Set<string>();

  function pump() {
    if (gathering) return;
    if (gatherMs > 0 && inFlight < slots && queue.length === 1 && performance.now() - lastEnd < gatherMs) {
      gathering = setTimeout(() => {
        gathering = undefined;
        flushQueued();
      }, gatherMs);
      return;
    }
    flushQueued();
  }

  function flushQueued() {
    while (inFlight < slots && queue.length > 0) {
      const batch: Waiting<I, O>[] = [];
      const rest: Waiting<I, O>[] = [];
      const keys = new Set<string>();
      for (const w of queue) {
        if (batch.length < maxBatch && !busyKeys.has(w.key) && !keys.has(w.key)) {
          batch.push(w);
          keys.add(w.key);
        } else rest.push(w);
      }
      queue = rest;
      if (batch.length === 0) return;
      inFlight++;
      for (const k of keys) busyKeys.add(k);
      void flush(batch).finally(() => {
        inFlight--;
        lastEnd = performance.now();
        for (const k of keys) busyKeys.delete(k);
        pump();
      });
    }
  }

  async function flush(batch: Waiting<I, O>[]) {
    const started = performance.now();
    try {
      const outcomes = await options.run(batch.map((w) => w.item));
      if (batchChannel.hasSubscribers) {
        batchChannel.publish({
          name: options.name ?? 'batch',
          size: batch.length,
          waitedMs: started - (batch[0]?.at ?? started),
          ranMs: performance.now() - started,
        } satisfies BatchEvent);
      }
      batch.forEach((w, i) => {
        w.resolve(outcomes[i]);
      });
    } catch (error) {
      if (batch.length === 1) batch[0]?.reject(error);
      else
        for (const w of batch) {
          w.resolve(undefined);
        }
    }
  }

  return {
    submit(item) {
      return new Promise<O | undefined>((resolve, reject) => {
        queue.push({ item, key: options.key(item), resolve, reject, at: performance.now() });
        pump();
      });
    },
  };
}
