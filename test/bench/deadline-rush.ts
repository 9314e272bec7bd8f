import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import questionnaireFixture from '../../fixtures/questionnaires/ki-pusat-2025.json' with { type: 'json' };
import type { Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { Question, Questionnaire } from '../../src/domain/questionnaire.ts';
import { hashToken, randomToken } from '../../src/lib/tokens.ts';
import { replaceQuestionnaire } from '../../src/modules/periods/periods.repository.ts';
import { checkIntegrity, formatIntegrityReport } from '../../src/modules/system/integrity.service.ts';
import {
  bench,
  bodyRow,
  type Cpu,
  closedLoop,
  cpuPerOperation,
  describeCpu,
  scratchDatabase,
  send,
  startServer as startBenchServer,
  watchStalls,
} from './lib.ts';

/**
 * deadline-rush (issue 11): every operator of many bodies autosaves at once, as on the last day of the SAQ.
 * rush: N operators each save 1-3 answers once a second, open loop, against the bare one-row upsert at the same rate
 * (each side twice: ours, bare, bare, ours);
 * capacity: closed-loop save rate against the bare upsert's; embedded: the rush on PGlite. Servers run in their own
 * processes; this process is the load generator.
 */
const SECRET = 'bench-secret-bench-secret-bench-secret-02';
const questionnaire = { indicators: questionnaireFixture.indicators } as Questionnaire;
const QUESTIONS = questionnaire.indicators.flatMap((i) => i.questions);

interface Operator {
  submissionId: string;
  cookie: string;
  version: number;
  next: number;
}

/** Seeds a commission with one SAQ period and `operators` bodies, each with an operator session and a submission. */
export async function seedForProfile(db: Db, operators: number): Promise<Operator[]> {
  return seed(db, operators);
}

async function seed(db: Db, operators: number): Promise<Operator[]> {
  await migrateToLatest(db);
  const commission = await db
    .insertInto('commissions')
    .values({ code: 'RUSH', name: 'Komisi Informasi Rush', province: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const category = await db
    .insertInto('categories')
    .values({ commissionId: commission.id, code: 'OPD', name: 'OPD' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const period = await db
    .insertInto('periods')
    .values({
      commissionId: commission.id,
      year: 2026,
      title: 'Rush',
      stage: 'saq',
      methodology: sql`${JSON.stringify({
        components: [
          { key: 'saq', label: 'SAQ', weight: 80, source: 'questionnaire' },
          { key: 'p', label: 'P', weight: 20, source: 'panel' },
        ],
        bands: [
          { label: 'Informatif', min: 90 },
          { label: 'Tidak', min: 0 },
        ],
        decimals: 2,
      })}::text::jsonb`,
      schedule: sql`'{}'::jsonb`,
      settings: sql`'{}'::jsonb`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await replaceQuestionnaire(
    db,
    { commissionId: commission.id, periodId: period.id, categoryId: category.id, source: 'bench' },
    questionnaire,
  );
  const result: Operator[] = [];
  for (let start = 0; start < operators; start += 500) {
    const n = Math.min(500, operators - start);
    const names = Array.from({ length: n }, (_, k) => `Dinas Rush ${String(start + k).padStart(5, '0')}`);
    const bodies = await db
      .insertInto('bodies')
      .values(names.map((name) => bodyRow(commission.id, category.id, name)))
      .returning(['id', 'slug'])
      .execute();
    const users = await db
      .insertInto('users')
      .values(bodies.map((b) => ({ email: `ppid@${b.slug}.bench`, name: b.slug })))
      .returning(['id', 'email'])
      .execute();
    await db
      .insertInto('memberships')
      .values(
        users.map((u, k) => ({
          userId: u.id,
          role: 'body_operator',
          commissionId: commission.id,
          bodyId: bodies[k]?.id as string,
        })),
      )
      .execute();
    const tokens = users.map(() => randomToken());
    await db
      .insertInto('sessions')
      .values(
        await Promise.all(
          users.map(async (u, k) => ({
            tokenHash: await hashToken(SECRET, tokens[k] as string),
            userId: u.id,
            expiresAt: new Date(Date.now() + 86400_000),
          })),
        ),
      )
      .execute();
    const subs = await db
      .insertInto('submissions')
      .values(bodies.map((b) => ({ commissionId: commission.id, periodId: period.id, bodyId: b.id })))
      .returning('id')
      .execute();
    subs.forEach((s, k) => {
      result.push({
        submissionId: s.id,
        cookie: `informatif_session=${tokens[k]}`,
        version: 0,
        next: Math.floor(Math.random() * QUESTIONS.length),
      });
    });
  }
  return result;
}

function randomValue(q: Question): boolean | string | string[] {
  if (q.type === 'boolean') return Math.random() < 0.5;
  if (q.type === 'choice')
    return (q.options ?? [])[Math.floor(Math.random() * (q.options ?? []).length)]?.code as string;
  return (q.items ?? []).filter(() => Math.random() < 0.5).map((i) => i.code);
}

function startServer(mode: 'app' | 'bare', env: Record<string, string>, nodeFlags = '') {
  // BENCH_CPU_PROF=<dir> profiles the servers (node --cpu-prof) to show where the time goes
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_NODE_FLAGS="--trace-gc-nvp ..." runs the servers with more V8 or Node flags (what they print goes to stderr)
  const flags = `${nodeFlags} ${process.env.BENCH_NODE_FLAGS ?? ''}`.split(/\s+/).filter(Boolean);
  return startBenchServer('test/bench/rush-server.ts', [mode], env, [...profile, ...flags]);
}

interface RushResult {
  sent: number;
  failures: number;
  /** Every measured latency, in milliseconds, in the order they came. */
  latencies: number[];
}

/**
 * Open loop: each operator fires on its own 1-second schedule, whether or not its earlier saves have returned. The
 * first `warmup` seconds run at the same rate but their latencies are not counted (a rush builds up; the first second
 * from idle measures new sockets and a young heap growing, on both sides); their failures are.
 */
async function openLoop(
  operators: number,
  seconds: number,
  send: (i: number) => Promise<true | string>,
  warmup = 0,
): Promise<RushResult> {
  const latencies: number[] = [];
  const bySecond: number[][] | undefined = process.env.BENCH_TRACE === '1' ? [] : undefined;
  let failures = 0;
  // why saves failed (status and problem code, or the client's error), printed when any did
  const reasons = new Map<string, number>();
  const fail = (reason: string) => {
    failures++;
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  };
  let sent = 0;
  // BENCH_TRACE=1: the load generator's own stalls (they count in every latency it measures)
  const own = bySecond ? watchStalls() : undefined;
  const inflight = new Set<Promise<void>>();
  const start = performance.now() + 200;
  await Promise.all(
    Array.from({ length: operators }, (_, i) => {
      const phase = (i / operators) * 1000;
      return new Promise<void>((done) => {
        let tick = 0;
        const fire = () => {
          if (tick >= warmup + seconds) return done();
          const at = start + phase + tick * 1000;
          const measured = tick >= warmup;
          const second = tick - warmup;
          tick++;
          setTimeout(
            () => {
              const t0 = performance.now();
              sent++;
              const p = send(i)
                .then((ok) => {
                  if (ok !== true) {
                    fail(ok);
                    return;
                  }
                  if (!measured) return;
                  latencies.push(performance.now() - t0);
                  if (bySecond) {
                    bySecond[second] = bySecond[second] ?? [];
                    bySecond[second]?.push(performance.now() - t0);
                  }
                })
                .catch((error: unknown) => {
                  fail(error instanceof Error ? error.message : String(error));
                })
                .finally(() => inflight.delete(p));
              inflight.add(p);
              fire();
            },
            Math.max(0, at - performance.now()),
          );
        };
        fire();
      });
    }),
  );
  await Promise.all([...inflight]);
  if (own) {
    own.stop();
    console.error(`# trace load: own ${own.summary()}`);
  }
  if (bySecond) {
    // BENCH_TRACE=1: is the tail spread evenly, or a few bad seconds? each second's p99 and max
    const line = bySecond.map((xs) => {
      xs.sort((a, b) => a - b);
      return `${(xs[Math.floor(xs.length * 0.99)] ?? 0).toFixed(0)}/${(xs[xs.length - 1] ?? 0).toFixed(0)}`;
    });
    console.error(`# trace load: p99/max by second (ms): ${line.join(' ')}`);
  }
  if (reasons.size > 0)
    console.log(`# failed saves by reason: ${[...reasons].map(([r, n]) => `${r} x${n}`).join('; ')}`);
  return { sent, failures, latencies };
}

/** The percentiles the bench reports, over the latencies of both rushes of one side. */
function percentiles(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
  return {
    p50: pct(0.5),
    p99: pct(0.99),
    tail: { p90: pct(0.9), p95: pct(0.95), p999: pct(0.999), max: sorted[sorted.length - 1] ?? 0 },
  };
}

/** CPU per operation over several rushes: each rush's figures weighted by its operations. */
function meanCpu(parts: { cpu: Cpu; ops: number }[]): Cpu {
  const ops = Math.max(
    1,
    parts.reduce((n, p) => n + p.ops, 0),
  );
  const mean = (k: keyof Cpu) => parts.reduce((ms, p) => ms + p.cpu[k] * p.ops, 0) / ops;
  return {
    server: mean('server'),
    postgres: mean('postgres'),
    postgresBackground: mean('postgresBackground'),
    load: mean('load'),
  };
}

/** The saves one operator sends: 1-3 questions taken in turn, so an operator's overlapping saves never touch the same one. */
function nextAnswers(op: Operator) {
  const count = 1 + Math.floor(Math.random() * 3);
  const answers = [];
  for (let k = 0; k < count; k++) {
    const q = QUESTIONS[op.next % QUESTIONS.length] as Question;
    op.next++;
    answers.push({ questionCode: q.code, value: randomValue(q) });
  }
  return answers;
}

/** One autosave as the SAQ page sends it. */
function saveAnswers(port: number, op: Operator, ifMatch: number, answers: ReturnType<typeof nextAnswers>) {
  return send(
    port,
    'PATCH',
    `/api/submissions/${op.submissionId}/answers`,
    { 'content-type': 'application/json', cookie: op.cookie, origin: 'http://localhost', 'if-match': String(ifMatch) },
    JSON.stringify({ answers }),
  );
}

async function rushOurs(
  port: number,
  ops: Operator[],
  seconds: number,
  warmup: number,
  acknowledged = new Map<string, { version: number; value: unknown }>(),
) {
  const result = await openLoop(
    ops.length,
    seconds,
    async (i) => {
      const op = ops[i] as Operator;
      const answers = nextAnswers(op);
      const res = await saveAnswers(port, op, op.version, answers);
      if (res.status !== 200) return `${res.status} ${/"code":"(\w+)"/.exec(res.body)?.[1] ?? ''}`;
      // the version alone (the load generator shares the cores it measures: no need to parse the scores)
      const version = Number(/"version":(\d+)/.exec(res.body)?.[1]);
      op.version = Math.max(op.version, version);
      for (const a of answers) {
        const key = `${op.submissionId}|${a.questionCode}`;
        const seen = acknowledged.get(key);
        if (!seen || seen.version < version) acknowledged.set(key, { version, value: a.value });
      }
      return true;
    },
    warmup,
  );
  return { ...result, acknowledged };
}

/**
 * The next transaction id: write transactions started between two readings, read at once (the statistics of
 * `pg_stat_database` reach it up to seconds late, and count the other side's and every read's transactions too).
 */
async function nextXid(db: Db): Promise<number> {
  const row = await sql<{ n: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as n`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** Every operator opens its SAQ page before the rush, as operators do before they type: the version they start from. */
async function openPages(port: number, ops: Operator[]) {
  for (let start = 0; start < ops.length; start += 32) {
    await Promise.all(
      ops.slice(start, start + 32).map(async (op) => {
        const res = await send(port, 'GET', `/api/submissions/${op.submissionId}`, { cookie: op.cookie });
        if (res.status !== 200) throw new Error(`opening the SAQ page: ${res.status}`);
        op.version = (JSON.parse(res.body) as { submission: { version: number } }).submission.version;
      }),
    );
  }
}

/** Acknowledged saves whose answer is missing or different in the database afterwards. */
async function lostSaves(db: Db, acknowledged: Map<string, { version: number; value: unknown }>) {
  const rows = await db.selectFrom('answers').select(['submissionId', 'questionCode', 'value']).execute();
  const stored = new Map(rows.map((r) => [`${r.submissionId}|${r.questionCode}`, JSON.stringify(r.value)]));
  let lost = 0;
  for (const [key, { value }] of acknowledged) if (stored.get(key) !== JSON.stringify(value)) lost++;
  return lost;
}

async function capacityOurs(port: number, ops: Operator[], seconds: number) {
  let i = 0;
  return closedLoop(32, seconds, async () => {
    const op = ops[i++ % ops.length] as Operator;
    const res = await saveAnswers(port, op, 999999999, nextAnswers(op));
    if (res.status !== 200) throw new Error(String(res.status));
  });
}

function bareSend(port: number) {
  return async (i: number) => {
    const q = QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)] as Question;
    const res = await send(
      port,
      'PATCH',
      `/kv/${i}-${q.code}`,
      { 'content-type': 'application/json' },
      JSON.stringify({ value: randomValue(q) }),
    );
    return res.status === 200 ? (true as const) : String(res.status);
  };
}

export async function deadlineRush(quick: boolean) {
  // for investigating: BENCH_OPERATORS changes the rush's rate, BENCH_SECONDS shortens it, BENCH_RUSH_ONLY=1 skips
  // capacity and embedded
  const operators = Number(process.env.BENCH_OPERATORS) || (quick ? 100 : 1000);
  const seconds = Number(process.env.BENCH_SECONDS) || (quick ? 15 : 60);
  // before each measured rush, the same rate for a few seconds: counted for failures and lost saves, not latency
  const warmup = quick ? 2 : 5;
  const rushOnly = process.env.BENCH_RUSH_ONLY === '1';
  const capacitySeconds = rushOnly ? 1 : quick ? 10 : 20;

  const scratch = await scratchDatabase('deadline_rush');
  const database = createPostgresDatabase({ url: scratch.url, max: 4 });
  // the integrity check (npm run db:check) on each database the rush wrote, before it goes: a finding fails the run
  let findings = 0;
  const checkAfterRush = async (db: Db, label: string) => {
    const report = await checkIntegrity(db);
    console.log(`# ${label}: ${formatIntegrityReport(report).split('\n').join(`\n# ${label}: `)}`);
    findings += report.findings.length;
  };
  try {
    const ops = await seed(database.db, operators);
    // Both servers run side by side and each runs the whole rush twice, in the order ours, bare, bare, ours, so that
    // both meet the same minutes of the machine on average: run once each, one after the other, a minute in which the
    // shared machine was slower fell on one side only, and the same code measured ratios from 2.3 to 4.2 within an hour
    // (docs/decisions/007-autosave.md, session 7). V8's memory reducer is off in both: it would collect garbage while a
    // server sits out the other side's rushes, work that a real rush leaves to the measured seconds.
    const serverFlags = '--no-memory-reducer';
    const bare = await startServer('bare', { DATABASE_URL: scratch.url }, serverFlags);
    const app = await startServer('app', { DATABASE_URL: scratch.url, BENCH_SECRET: SECRET }, serverFlags);
    // both servers are warmed (JIT, prepared statements, caches) before anything is measured
    await closedLoop(4, 2, async () => {
      await bareSend(bare.port)(0);
    });
    await capacityOurs(app.port, ops, 2);
    await openPages(app.port, ops);
    process.kill(bare.pid, 'SIGUSR2');
    process.kill(app.pid, 'SIGUSR2');

    const acknowledged = new Map<string, { version: number; value: unknown }>();
    const sides = {
      ours: { latencies: [] as number[], sent: 0, failures: 0, commits: 0, cpu: [] as { cpu: Cpu; ops: number }[] },
      bare: { latencies: [] as number[], sent: 0, failures: 0, cpu: [] as { cpu: Cpu; ops: number }[] },
    };
    const order = ['ours', 'bare', 'bare', 'ours'] as const;
    for (const [k, side] of order.entries()) {
      // a pause between rushes: what one side's writes leave for PostgreSQL and the machine to finish (dirty
      // buffers, the WAL, the other server's last collections) settles before the other side is measured
      if (k > 0) await new Promise((r) => setTimeout(r, 2000));
      const xidBefore = await nextXid(database.db);
      const { result, cpu } = await cpuPerOperation(
        side === 'ours' ? app.pid : bare.pid,
        warmup + seconds,
        async () => {
          const r =
            side === 'ours'
              ? await rushOurs(app.port, ops, seconds, warmup, acknowledged)
              : await openLoop(operators, seconds, bareSend(bare.port), warmup);
          return { ...r, rate: r.sent / (warmup + seconds) };
        },
      );
      const total = sides[side];
      total.latencies.push(...result.latencies);
      total.sent += result.sent;
      total.failures += result.failures;
      total.cpu.push({ cpu, ops: result.sent });
      // only this side writes during its rush
      if (side === 'ours') sides.ours.commits += (await nextXid(database.db)) - xidBefore;
    }
    const ours = { ...sides.ours, ...percentiles(sides.ours.latencies) };
    const bareRush = { ...sides.bare, ...percentiles(sides.bare.latencies) };
    const lost = await lostSaves(database.db, acknowledged);

    let b = 0;
    const send = bareSend(bare.port);
    const { result: bareCapacity, cpu: bareCpu } = await cpuPerOperation(bare.pid, capacitySeconds, () =>
      closedLoop(32, capacitySeconds, async () => {
        if ((await send(b++ % operators)) !== true) throw new Error('bare failed');
      }),
    );
    await bare.stop();
    const { result: oursCapacity, cpu: oursCpu } = await cpuPerOperation(app.pid, capacitySeconds, () =>
      capacityOurs(app.port, ops, capacitySeconds),
    );
    await app.stop();

    const s = `deadline-rush`;
    if (process.env.BENCH_TRACE === '1')
      console.log(
        "# BENCH_TRACE: each server samples its event loop every millisecond, also while it sits out the other side's rushes, which slows the other side (the bare most): ratios of a traced run are not the figure",
      );
    console.log(
      `# postgres: ${operators} operators x ${seconds} s open loop, twice a side (ours, bare, bare, ours), each after ${warmup} s at the same rate; figures over both rushes of a side; ours sent ${ours.sent}, bare sent ${bareRush.sent} (warm-ups included)`,
    );
    console.log(`BENCH ${s} failed-saves ours=${ours.failures} target=0`);
    console.log(`BENCH ${s} lost-saves ours=${lost} target=0`);
    bench(s, 'rush-p50', ours.p50, bareRush.p50, 'ms');
    bench(s, 'rush-p99', ours.p99, bareRush.p99, 'ms', '3');
    bench(s, 'capacity', oursCapacity.rate, bareCapacity.rate, 'req/s', '>=0.3');
    console.log(
      `# rush, ours: ${(ours.commits / ours.sent).toFixed(2)} database transactions per save (group commit; bare: 1)`,
    );
    const tail = (t: ReturnType<typeof percentiles>['tail']) =>
      `p90 ${t.p90.toFixed(1)} ms, p95 ${t.p95.toFixed(1)} ms, p99.9 ${t.p999.toFixed(1)} ms, max ${t.max.toFixed(1)} ms`;
    console.log(`# rush latency tail, ours: ${tail(ours.tail)}; bare: ${tail(bareRush.tail)}`);
    console.log(describeCpu('rush, ours:', meanCpu(ours.cpu)));
    console.log(describeCpu('rush, bare:', meanCpu(bareRush.cpu)));
    console.log(describeCpu('capacity, ours:', oursCpu));
    console.log(describeCpu('capacity, bare:', bareCpu));
    await checkAfterRush(database.db, 'postgres');
  } finally {
    await database.close();
    await scratch.drop();
  }
  const failOnFindings = () => {
    if (findings > 0) throw new Error('deadline-rush: the integrity check found broken rows after the rush');
  };

  // embedded: the rush on PGlite (100 operators, 30 s; quick: 15 s), beside the PostgreSQL figures
  if (rushOnly) return failOnFindings();
  const dir = await mkdtemp(path.join(tmpdir(), 'informatif-rush-'));
  try {
    const embeddedOperators = 100;
    const embeddedSeconds = quick ? 15 : 30;
    const pglite = await createPgliteDatabase({ dataDir: dir });
    const ops = await seed(pglite.db, embeddedOperators);
    await pglite.close();
    const app = await startServer('app', { DATABASE_URL: '', BENCH_PGLITE_DIR: dir, BENCH_SECRET: SECRET });
    await capacityOurs(app.port, ops, 2);
    await openPages(app.port, ops);
    const rush = await rushOurs(app.port, ops, embeddedSeconds, warmup);
    const embedded = percentiles(rush.latencies);
    await app.stop();
    const check = await createPgliteDatabase({ dataDir: dir });
    const lost = await lostSaves(check.db, rush.acknowledged);
    await checkAfterRush(check.db, 'pglite');
    await check.close();
    console.log(
      `# pglite: ${embeddedOperators} operators x ${embeddedSeconds} s open loop after ${warmup} s at the same rate; sent ${rush.sent}`,
    );
    console.log(`BENCH deadline-rush embedded-failed-saves ours=${rush.failures} target=0`);
    console.log(`BENCH deadline-rush embedded-lost-saves ours=${lost} target=0`);
    console.log(`BENCH deadline-rush embedded-p50 ours=${embedded.p50.toFixed(1)}ms`);
    console.log(`BENCH deadline-rush embedded-p99 ours=${embedded.p99.toFixed(1)}ms`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  failOnFindings();
}
