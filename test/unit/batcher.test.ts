import { describe, expect, it } from 'vitest';
import { type BatchEvent, batchChannel, createBatcher } from '../../src/lib/batcher.ts';

interface Call {
  key: string;
  n: number;
}

/** A batcher whose runs are held until released, recording each batch it was given. */
function harness(options: { slots?: number; fail?: (items: Call[]) => boolean } = {}) {
  const batches: Call[][] = [];
  const release: (() => void)[] = [];
  const batcher = createBatcher<Call, number>({
    key: (c) => c.key,
    slots: options.slots ?? 1,
    run: (items) => {
      batches.push(items);
      return new Promise((resolve, reject) => {
        release.push(() => (options.fail?.(items) ? reject(new Error('boom')) : resolve(items.map((i) => i.n * 10))));
      });
    },
  });
  const flush = async () => {
    while (release.length > 0) {
      release.shift()?.();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { batcher, batches, flush };
}

describe('group commit batcher', () => {
  it('sends the first call at once, alone, and gathers those that arrive while it runs into one batch', async () => {
    const h = harness();
    const first = h.batcher.submit({ key: 'a', n: 1 });
    expect(h.batches).toEqual([[{ key: 'a', n: 1 }]]);
    const rest = [h.batcher.submit({ key: 'b', n: 2 }), h.batcher.submit({ key: 'c', n: 3 })];
    expect(h.batches).toHaveLength(1);
    await h.flush();
    expect(h.batches[1]).toEqual([
      { key: 'b', n: 2 },
      { key: 'c', n: 3 },
    ]);
    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30]);
  });

  it('never puts two calls of one key in a batch, nor runs a key in two batches at once', async () => {
    const h = harness({ slots: 2 });
    const calls = [
      h.batcher.submit({ key: 'a', n: 1 }),
      h.batcher.submit({ key: 'a', n: 2 }),
      h.batcher.submit({ key: 'b', n: 3 }),
    ];
    // slot 1: a1; slot 2: b3 (a2 waits: a is busy)
    expect(h.batches).toEqual([[{ key: 'a', n: 1 }], [{ key: 'b', n: 3 }]]);
    await h.flush();
    expect(h.batches[2]).toEqual([{ key: 'a', n: 2 }]);
    expect(await Promise.all(calls)).toEqual([10, 20, 30]);
  });

  it('a failed batch of several answers undefined to each (they take their own path); a batch of one rejects', async () => {
    const h = harness({ fail: () => true });
    const alone = h.batcher.submit({ key: 'a', n: 1 });
    const together = [h.batcher.submit({ key: 'b', n: 2 }), h.batcher.submit({ key: 'c', n: 3 })];
    const settled = Promise.allSettled([alone, ...together]);
    await h.flush();
    const [a, b, c] = await settled;
    expect(a).toMatchObject({ status: 'rejected' });
    expect(b).toEqual({ status: 'fulfilled', value: undefined });
    expect(c).toEqual({ status: 'fulfilled', value: undefined });
  });
});

describe('gathering under steady load', () => {
  it('a lone call goes at once when calls are rare, and waits for company right after a batch', async () => {
    const batches: number[][] = [];
    const batcher = createBatcher<number, number>({
      key: (n) => String(n),
      slots: 1,
      gatherMs: 20,
      run: async (items) => {
        batches.push(items);
        return items;
      },
    });
    await batcher.submit(1);
    expect(batches).toEqual([[1]]); // nothing ran before: no wait
    const second = batcher.submit(2); // a batch just ended: it waits up to 20 ms
    await new Promise((r) => setTimeout(r, 5));
    const third = batcher.submit(3);
    expect(batches).toEqual([[1]]);
    await Promise.all([second, third]);
    expect(batches).toEqual([[1], [2, 3]]);
    await new Promise((r) => setTimeout(r, 40));
    await batcher.submit(4); // quiet again: at once
    expect(batches[2]).toEqual([4]);
  });
});

describe('diagnostics', () => {
  it('publishes each batch written, its size and how long its oldest call waited and it ran', async () => {
    const events: BatchEvent[] = [];
    const listen = (e: unknown) => events.push(e as BatchEvent);
    batchChannel.subscribe(listen);
    try {
      const batcher = createBatcher<number, number>({
        name: 'test-batches',
        slots: 1,
        key: String,
        run: async (items) => {
          await new Promise((r) => setTimeout(r, 15));
          return items;
        },
      });
      const first = batcher.submit(1);
      await Promise.all([first, batcher.submit(2), batcher.submit(3)]);
      const mine = events.filter((e) => e.name === 'test-batches');
      expect(mine.map((e) => e.size)).toEqual([1, 2]);
      expect(mine[0]?.ranMs).toBeGreaterThanOrEqual(10);
      // the second batch's calls waited for the first to finish
      expect(mine[1]?.waitedMs).toBeGreaterThanOrEqual(10);
    } finally {
      batchChannel.unsubscribe(listen);
    }
  });
});
