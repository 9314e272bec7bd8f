/**
 * A server for the deadline-rush benchmark, in its own process: `app` is the whole Informatif app (PostgreSQL with
 * DATABASE_URL, else embedded PGlite in DATA_DIR); `bare` is the baseline, Hono + postgres.js doing one one-row upsert.
 * Prints `READY <port>` once listening; stops on SIGTERM.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { AppDeps } from '../../src/http/context.ts';
import { type BatchEvent, batchChannel } from '../../src/lib/batcher.ts';
import { every } from '../../src/lib/every.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { tuneHeapForLatency } from '../../src/lib/node-heap.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { refreshSessions } from '../../src/modules/auth/auth.service.ts';
import { createAuthState } from '../../src/modules/auth/auth-state.ts';
import { GC_KINDS, watchStalls } from './lib.ts';

const mode = process.argv[2];
const url = process.env.DATABASE_URL;
let close: () => Promise<void>;
let fetchHandler: (request: Request) => Response | Promise<Response>;

if (mode === 'bare') {
  if (!url) throw new Error('bare needs DATABASE_URL');
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  await sql`create table if not exists bench_kv (k text primary key, v jsonb not null)`;
  const app = new Hono().patch('/kv/:k', async (c) => {
    const body = await c.req.json();
    await sql`insert into bench_kv (k, v) values (${c.req.param('k')}, ${sql.json(body)}) on conflict (k) do update set v = excluded.v`;
    return c.json({ ok: true });
  });
  fetchHandler = app.fetch;
  close = () => sql.end();
} else if (mode === 'app') {
  // as src/server.ts does (the bare server keeps Node's defaults)
  tuneHeapForLatency();
  const database: DatabaseHandle = url
    ? createPostgresDatabase({ url, max: 10 })
    : await createPgliteDatabase({ dataDir: process.env.BENCH_PGLITE_DIR });
  const logger = createLogger('silent');
  const deps = {
    db: database.db,
    databaseKind: database.kind,
    publicUrl: 'http://localhost',
    sessionSecret: process.env.BENCH_SECRET ?? '',
    // as in production (SESSION_CACHE_SECONDS default)
    sessionCacheMs: 5000,
    passwordHasher: createNodePasswordHasher(),
    mailSender: createLogMailSender(logger),
    logger,
    clientIp: () => '127.0.0.1',
  } satisfies AppDeps;
  const auth = { ...deps, auth: createAuthState() };
  const app = createApp(deps, { auth: auth.auth });
  // as src/server.ts does
  const stopSessions = every(
    deps.sessionCacheMs / 2,
    () => refreshSessions(auth),
    () => {},
  );
  fetchHandler = app.fetch;
  close = () => {
    stopSessions();
    return database.close();
  };
} else {
  throw new Error('usage: rush-server.ts app|bare');
}

// BENCH_TRACE=1: where a request's time goes, printed to stderr on SIGTERM: time inside the handler, event-loop delay
// and garbage-collection pauses of this process
const trace = process.env.BENCH_TRACE === '1' ? startTrace() : undefined;
const handler = trace ? trace.wrap(fetchHandler) : fetchHandler;

function startTrace() {
  const inside: number[] = [];
  const stalls = watchStalls();
  const batches: (BatchEvent & { t: number })[] = [];
  batchChannel.subscribe((e) => batches.push({ ...(e as BatchEvent), t: performance.now() }));
  const slow: [number, number][] = [];
  // BENCH_TRACE_DETAIL: every request and every event-loop gap over 4 ms, for the worst episodes of the rush
  const detail = process.env.BENCH_TRACE_DETAIL
    ? { requests: [] as [number, number][], gaps: [] as [number, number][], rushStart: 0 }
    : undefined;
  if (detail) {
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      if (now - last > 4) detail.gaps.push([last, now - last]);
      last = now;
    }, 1).unref();
    process.on('SIGUSR2', () => {
      detail.rushStart = performance.now();
    });
  }
  const pct = (xs: number[], p: number) => {
    const s = [...xs].sort((a, b) => a - b);
    return (s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? 0).toFixed(1);
  };
  return {
    wrap: (f: typeof fetchHandler) => async (request: Request) => {
      const t0 = performance.now();
      const response = await f(request);
      inside.push(performance.now() - t0);
      if (performance.now() - t0 > 100) slow.push([t0, performance.now() - t0]);
      detail?.requests.push([t0, performance.now() - t0]);
      return response;
    },
    report() {
      if (batches.length > 0) {
        // p50, p99 and max of one figure over the batches
        const spread = (f: (b: BatchEvent) => number) => {
          const xs = batches.map(f);
          return `p50 ${pct(xs, 0.5)} p99 ${pct(xs, 0.99)} max ${pct(xs, 1)}`;
        };
        console.error(
          `# trace ${mode}: ${batches.length} batches; size ${spread((b) => b.size)}; oldest waited ${spread((b) => b.waitedMs)} ms; ran ${spread((b) => b.ranMs)} ms`,
        );
      }
      if (process.env.BENCH_TRACE_DETAIL) {
        const worst = [...batches].sort((a, b) => b.ranMs + b.waitedMs - a.ranMs - a.waitedMs).slice(0, 15);
        for (const b of worst)
          console.error(
            `#   batch at ${(b.t / 1000).toFixed(2)} s size ${b.size} waited ${b.waitedMs.toFixed(1)} ran ${b.ranMs.toFixed(1)}`,
          );
        const perSecond = new Map<number, { n: number; size: number; ran: number; gc: number }>();
        const at = (t: number) => {
          const k = Math.floor(t / 1000);
          const v = perSecond.get(k) ?? { n: 0, size: 0, ran: 0, gc: 0 };
          perSecond.set(k, v);
          return v;
        };
        for (const b of batches) {
          const v = at(b.t);
          v.n++;
          v.size += b.size;
          v.ran += b.ranMs;
        }
        for (const p of stalls.pauses) at(p.start).gc += p.duration;
        console.error(
          `#   by second: batches/mean size/ms writing/ms in gc: ${[...perSecond]
            .sort((a, b) => a[0] - b[0])
            .map(([, v]) => `${v.n}/${(v.size / Math.max(1, v.n)).toFixed(1)}/${v.ran.toFixed(0)}/${v.gc.toFixed(0)}`)
            .join(' ')}`,
        );
        if (detail) console.error(episodes(detail, batches, stalls.pauses).join('\n'));
        const hist = new Map<number, number>();
        for (const [t] of slow) hist.set(Math.floor(t / 1000), (hist.get(Math.floor(t / 1000)) ?? 0) + 1);
        console.error(`#   requests over 100 ms by second: ${[...hist].map(([k, v]) => `${k}:${v}`).join(' ')}`);
      }
      const kinds = new Map<number, { n: number; ms: number }>();
      for (const p of stalls.pauses) {
        const k = kinds.get(p.kind) ?? { n: 0, ms: 0 };
        kinds.set(p.kind, { n: k.n + 1, ms: k.ms + p.duration });
      }
      console.error(
        `# trace ${mode}: gc by kind: ${[...kinds].map(([k, { n, ms }]) => `${k} (${GC_KINDS[k] ?? '?'}): ${n} pauses ${ms.toFixed(0)} ms`).join(', ')}`,
      );
      console.error(
        `# trace ${mode}: ${inside.length} requests; inside handler p50 ${pct(inside, 0.5)} p90 ${pct(inside, 0.9)} p99 ${pct(inside, 0.99)} p99.9 ${pct(inside, 0.999)} max ${pct(inside, 1)} ms`,
      );
      console.error(`# trace ${mode}: ${stalls.summary()}`);
    },
  };
}

/**
 * The rush's worst episodes: runs of requests over 30 ms inside the handler (less than 50 ms apart), the five with the
 * most requests, each with what happened from 40 ms before it (GC pauses by kind, event-loop gaps, batches written).
 */
function episodes(
  detail: { requests: [number, number][]; gaps: [number, number][]; rushStart: number },
  batches: (BatchEvent & { t: number })[],
  pauses: { start: number; duration: number; kind: number }[],
): string[] {
  const found: { start: number; end: number; n: number; max: number }[] = [];
  for (const [t, ms] of detail.requests) {
    if (t < detail.rushStart || ms <= 30) continue;
    const last = found.at(-1);
    if (last && t - last.end < 50) {
      last.end = t;
      last.n++;
      last.max = Math.max(last.max, ms);
    } else found.push({ start: t, end: t, n: 1, max: ms });
  }
  const lines = [
    `#   rush episodes (requests over 30 ms, <50 ms apart; times from the warm-up's start): ${found.length}; the five largest:`,
  ];
  for (const e of found.sort((a, b) => b.n - a.n).slice(0, 5)) {
    const from = e.start - 40;
    const to = e.end + 20;
    const events: [number, string][] = [];
    for (const p of pauses)
      if (p.start + p.duration > from && p.start < to) events.push([p.start, `gc${p.kind} ${p.duration.toFixed(1)}`]);
    for (const [t, ms] of detail.gaps) if (t + ms > from && t < to) events.push([t, `gap ${ms.toFixed(1)}`]);
    // batches that took or waited long (the others are the steady state)
    for (const b of batches)
      if (b.t > from && b.t - b.ranMs < to && (b.ranMs > 5 || b.waitedMs > 5))
        events.push([b.t - b.ranMs, `batch ${b.size} waited ${b.waitedMs.toFixed(1)} ran ${b.ranMs.toFixed(1)}`]);
    events.sort((a, b) => a[0] - b[0]);
    lines.push(
      `#     at ${((e.start - detail.rushStart) / 1000).toFixed(2)} s: ${e.n} requests, max ${e.max.toFixed(0)} ms; ${events.map(([t, x]) => `${(t - e.start).toFixed(0)}: ${x}`).join(', ')}`,
    );
  }
  return lines;
}

const server = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  console.log(`READY ${info.port}`);
});
// BENCH_RUSH_PROF=<dir>: a CPU profile of the rush alone (from SIGUSR2, which the bench sends as the rush starts)
const profiler = process.env.BENCH_RUSH_PROF ? new Session() : undefined;
// the rush's start, for reading --trace-gc-nvp output (its times count from the isolate's start, as this does)
process.on('SIGUSR2', () => {
  if (process.execArgv.some((a) => a.startsWith('--trace-gc')))
    console.error(`# rush starts at ${performance.now().toFixed(0)} ms`);
});
if (profiler) {
  profiler.connect();
  process.on('SIGUSR2', () => {
    profiler.post('Profiler.enable', () => profiler.post('Profiler.start'));
    // BENCH_RUSH_HEAP=1: also where the rush allocates (sampled)
    if (process.env.BENCH_RUSH_HEAP)
      profiler.post('HeapProfiler.enable', () =>
        profiler.post('HeapProfiler.startSampling', {
          samplingInterval: 16384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        }),
      );
  });
}

/** Writes a finished profile beside the others: `<mode>-<pid>.<extension>`. */
function saveProfile(extension: string, profile: unknown) {
  // a profile that cannot be written is reported, never a reason for this process not to end
  try {
    const dir = process.env.BENCH_RUSH_PROF as string;
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, `${mode}-${process.pid}.${extension}`), JSON.stringify(profile));
  } catch (error) {
    console.error(`# profile not written: ${(error as Error).message}`);
  }
}

process.on('SIGTERM', () => {
  trace?.report();
  server.close();
  const stopped = new Promise<void>((resolve) => {
    if (!profiler) return resolve();
    if (process.env.BENCH_RUSH_HEAP)
      profiler.post('HeapProfiler.stopSampling', (error, result) => {
        if (!error) saveProfile('heapprofile', result.profile);
      });
    profiler.post('Profiler.stop', (error, result) => {
      if (!error) saveProfile('cpuprofile', result.profile);
      resolve();
    });
  });
  // the bench waits for this process to end once its database handle is closed
  stopped.then(close).finally(() => process.exit(0));
});
