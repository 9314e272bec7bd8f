import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import postgres from 'postgres';
import type { Db } from '../../src/db/database.ts';
import type { Role } from '../../src/domain/access.ts';
import { nameKey, slugify } from '../../src/lib/text.ts';
import { hashToken, randomToken } from '../../src/lib/tokens.ts';
import { SESSION_COOKIE } from '../../src/modules/auth/auth.service.ts';

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the local PostgreSQL for one scenario, dropped by the returned function. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const db = `informatif_bench_${name.replace(/\W/g, '_')}_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${db} with (force)`);
  await admin.unsafe(`create database ${db}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  return {
    url,
    drop: async () => {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${db} with (force)`);
      await a.end();
    },
  };
}

/** A body's row as the registry writes one (name key and slug from its name), for seeding many at once. */
export function bodyRow(commissionId: string, categoryId: string, name: string) {
  return {
    commissionId,
    categoryId,
    name,
    nameKey: nameKey(name),
    slug: slugify(name),
    province: null,
    website: null,
    ppidEmail: null,
  };
}

/** A commission with categories `codes` (named "Kategori <code>"): its id and the categories' ids, in that order. */
export async function seedCommission(db: Db, code: string, name: string, codes: readonly string[]) {
  const commission = await db
    .insertInto('commissions')
    .values({ code, name, province: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const categories = await db
    .insertInto('categories')
    .values(codes.map((c) => ({ commissionId: commission.id, code: c, name: `Kategori ${c}` })))
    .returning(['id', 'code'])
    .execute();
  return { id: commission.id, categories };
}

/**
 * A user with one membership and a session signed with `secret`, written directly (no sign-in request to measure):
 * its id and the session cookie.
 */
export async function signedInUser(
  db: Db,
  secret: string,
  user: { email: string; name: string; role: Role; commissionId: string; bodyId?: string; sessionMs?: number },
): Promise<{ id: string; cookie: string }> {
  const { id } = await db
    .insertInto('users')
    .values({ email: user.email, name: user.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('memberships')
    .values({ userId: id, role: user.role, commissionId: user.commissionId, bodyId: user.bodyId ?? null })
    .execute();
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({
      tokenHash: await hashToken(secret, token),
      userId: id,
      expiresAt: new Date(Date.now() + (user.sessionMs ?? 3600_000)),
    })
    .execute();
  return { id, cookie: `${SESSION_COOKIE}=${token}` };
}

/**
 * A bench server in a process of its own (`node [nodeArgs] --import tsx <script> [args]`) that prints `READY <port>`
 * once listening and stops on SIGTERM. Its stderr is this process's; what it prints on stdout after READY (the output
 * of Node flags such as --trace-gc-nvp) is passed on to stderr.
 */
export async function startServer(
  script: string,
  args: string[],
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out: string | undefined = '';
    child.stdout?.on('data', (d: Buffer) => {
      if (out === undefined) return void process.stderr.write(d);
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        resolve(Number(m[1]));
        out = undefined;
      }
    });
    child.on('exit', (code) => reject(new Error(`${[script, ...args].join(' ')} exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid as number,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Closed loop: `clients` callers each issue the next request when the previous returns, for `seconds`. */
export async function closedLoop(clients: number, seconds: number, call: () => Promise<void>) {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch {
          failures++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rate: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), failures };
}

export function bench(
  scenario: string,
  figure: string,
  ours: number,
  baseline: number,
  unit: string,
  target?: string,
): void {
  const ratio = baseline === 0 ? 0 : ours / baseline;
  console.log(
    `BENCH ${scenario} ${figure} ours=${ours.toFixed(1)}${unit} baseline=${baseline.toFixed(1)}${unit} ratio=${ratio.toFixed(2)}${target ? ` target=${target}` : ''}`,
  );
}

/**
 * CPU milliseconds used so far by the PostgreSQL processes of this machine (Linux /proc): the backends serving
 * connections, and the rest (autovacuum, WAL writer, checkpointer...).
 */
async function postgresCpuMs(): Promise<{ backends: number; background: number }> {
  const { readdir, readFile } = await import('node:fs/promises');
  const total = { backends: 0, background: 0 };
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!stat.includes('(postgres)')) continue;
    const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    // a backend's title names its client address: "postgres: 15/main: user db 127.0.0.1(port) idle"
    if (/\(\d+\)/.test(cmdline)) total.backends += processTicks(stat) * 10;
    else total.background += processTicks(stat) * 10;
  }
  return total;
}

function processTicks(stat: string): number {
  // fields after the command's closing parenthesis: state is field 3, utime 14 and stime 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

async function pidCpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  return processTicks(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ') x 0 0 0 0 0 0 0 0 0 0 0 0')) * 10;
}

/**
 * Where the CPU goes while `run` runs: milliseconds of CPU per operation in the server process, in PostgreSQL (all its
 * processes) and in this load generator. Linux only; elsewhere the figures are zero.
 */
export async function cpuPerOperation<T extends { rate: number }>(
  serverPid: number,
  seconds: number,
  run: () => Promise<T>,
) {
  const before = { server: await pidCpuMs(serverPid), postgres: await postgresCpuMs(), load: process.cpuUsage() };
  const result = await run();
  const load = process.cpuUsage(before.load);
  const operations = Math.max(1, result.rate * seconds);
  const per = (ms: number) => ms / operations;
  const after = await postgresCpuMs();
  return {
    result,
    cpu: {
      server: per((await pidCpuMs(serverPid)) - before.server),
      postgres: per(after.backends - before.postgres.backends),
      postgresBackground: per(after.background - before.postgres.background),
      load: per((load.user + load.system) / 1000),
    },
  };
}

/** Milliseconds of CPU per operation: the server process, PostgreSQL's backends and background processes, this one. */
export type Cpu = { server: number; postgres: number; postgresBackground: number; load: number };

export function describeCpu(label: string, cpu: Cpu): string {
  const f = (n: number) => n.toFixed(2);
  return `# ${label} CPU per operation: server ${f(cpu.server)} ms, postgres backends ${f(cpu.postgres)} ms + background ${f(cpu.postgresBackground)} ms, load generator ${f(cpu.load)} ms`;
}

/**
 * A lean HTTP/1.1 client for load generators: node:http over kept-alive sockets. The load generator shares the
 * machine's two cores with the servers it measures, so it must cost as little as it can; `fetch` (undici, with web
 * streams and Headers objects) cost about half a millisecond of CPU per request here. Both sides of every comparison
 * use it.
 */
// idle sockets are closed by this side after 4 s, before the server's 5 s keep-alive timeout closes them: otherwise a
// request sent on a socket the server is closing at that instant fails with a reset that says nothing of the app
const agent = new http.Agent({ keepAlive: true, maxSockets: 512, timeout: 4000 });

export function send(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** One garbage-collection pause: when it began (performance.now()), how long it took, and V8's kind of collection. */
export interface GcPause {
  start: number;
  duration: number;
  /** V8's GC type, named by `GC_KINDS` */
  kind: number;
}

/** V8's GC types as PerformanceObserver reports them (`detail.kind`). */
export const GC_KINDS: Record<number, string> = {
  1: 'scavenge',
  2: 'minor mark-sweep',
  4: 'mark-compact',
  8: 'incremental marking',
  16: 'weak callbacks',
};

/**
 * Watches this process's stalls from now on: event-loop delay and garbage-collection pauses. `summary()` is the line
 * both the servers and the load generator print (BENCH_TRACE=1).
 */
export function watchStalls() {
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const pauses: GcPause[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0;
      pauses.push({ start: e.startTime, duration: e.duration, kind });
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    pauses,
    stop() {
      loop.disable();
      observer.disconnect();
    },
    summary() {
      const ms = (ns: number) => (ns / 1e6).toFixed(1);
      const d = pauses.map((p) => p.duration).sort((a, b) => a - b);
      const at = (q: number) => (d[Math.min(d.length - 1, Math.floor(d.length * q))] ?? 0).toFixed(1);
      const total = d.reduce((a, b) => a + b, 0);
      return `event-loop delay p50 ${ms(loop.percentile(50))} p99 ${ms(loop.percentile(99))} max ${ms(loop.max)} ms; gc ${d.length} pauses, total ${total.toFixed(0)} ms, p99 ${at(0.99)} max ${at(1)} ms`;
    },
  };
}
