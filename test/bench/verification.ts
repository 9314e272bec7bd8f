import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { Indicator, Question } from '../../src/domain/questionnaire.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { bench, bodyRow, closedLoop, scratchDatabase, signedInUser } from './lib.ts';

/**
 * The verification screen's two requests on a 69-question SAQ (the KI Pusat 2025 preset) with evidence on every
 * question: opening a submission (GET /submissions/:sid as its assigned evaluator: session, visibility, answers,
 * evidence with files and link checks, who verified what, live self and verified scores) and saving one verified item
 * (PATCH /submissions/:sid/verification: the locked submission, the typed check, exact points, the answer row, the
 * history row, the state, live progress and scores). Each against a bare Hono + postgres.js handler doing the bare
 * reads of the same rows (the submission, its answers, its evidence) and the bare writes of the same rows (the answer's
 * verified columns, one history row, the state) in one transaction, with no session. Each client works on a
 * submission of its own, as an evaluator does.
 */
export async function verification(quick: boolean) {
  const seconds = quick ? 3 : 10;
  const clients = 4;
  const scratch = await scratchDatabase('verification');
  const database = createPostgresDatabase({ url: scratch.url, max: 10 });
  const db = database.db;
  const preset = JSON.parse(readFileSync('fixtures/questionnaires/ki-pusat-2025.json', 'utf8')) as {
    indicators: Indicator[];
  };
  const methodology = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets[0].methodology;
  const questions = preset.indicators.flatMap((i) => i.questions);
  if (questions.length !== 69) throw new Error(`the KI Pusat 2025 preset has ${questions.length} questions, not 69`);
  try {
    await migrateToLatest(db);
    const commission = await db
      .insertInto('commissions')
      .values({ code: 'BENCHV', name: 'Komisi Informasi Bench', province: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('categories').values({ commissionId: commission.id, code: 'KEMENTERIAN', name: 'K' }).execute();
    const category = await db
      .selectFrom('categories')
      .select('id')
      .where('commissionId', '=', commission.id)
      .executeTakeFirstOrThrow();
    const secret = 'bench-secret-bench-secret-bench-secret-02';
    const person = (email: string, role: 'commission_admin' | 'evaluator' | 'body_operator', bodyId?: string) =>
      signedInUser(db, secret, { email, name: email, role, commissionId: commission.id, bodyId, sessionMs: 7200_000 });
    const admin = await person('admin@bench.example', 'commission_admin');
    const evaluator = await person('evaluator@bench.example', 'evaluator');

    const logger = createLogger('silent');
    const app = createApp({
      db,
      databaseKind: 'postgres',
      publicUrl: 'http://localhost',
      sessionSecret: secret,
      passwordHasher: createNodePasswordHasher(),
      mailSender: createLogMailSender(logger),
      logger,
      clientIp: () => '127.0.0.1',
      // the production default (SESSION_CACHE_SECONDS=5), as the deadline rush's server runs
      sessionCacheMs: 5000,
    });
    const call = async (method: string, path: string, cookie: string, body?: unknown, headers = {}) => {
      const res = await app.request(`/api${path}`, {
        method,
        headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
      const json = await res.json().catch(() => undefined);
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json as any;
    };

    // the period, the preset questionnaire, the SAQ open
    const period = await call('POST', `/commissions/${commission.id}/periods`, admin.cookie, {
      year: 2031,
      title: 'Monev Bench',
      methodology,
    });
    const pid = period.period.id as string;
    await call('PUT', `/periods/${pid}/questionnaires/KEMENTERIAN`, admin.cookie, { indicators: preset.indicators });
    await call('POST', `/periods/${pid}/stage`, admin.cookie, { to: 'saq' });

    // one body per client: every question answered with a link and a file as evidence, then submitted
    const sids: string[] = [];
    for (let i = 0; i < clients; i++) {
      const body = await db
        .insertInto('bodies')
        .values(bodyRow(commission.id, category.id, `Kementerian Bench ${i}`))
        .returning('id')
        .executeTakeFirstOrThrow();
      const operator = await person(`ppid${i}@bench.example`, 'body_operator', body.id);
      const mine = await call('GET', `/periods/${pid}/submissions/mine`, operator.cookie);
      const sid = mine.submission.id as string;
      const files = await db
        .insertInto('files')
        .values(
          questions.map((q) => ({
            commissionId: commission.id,
            submissionId: sid,
            name: `bukti-${q.code}.pdf`,
            size: 120_000,
            contentType: 'application/pdf',
            sha256: '0'.repeat(64),
            storageKey: `bench/${sid}/${q.code}.pdf`,
            uploadedBy: operator.id,
          })),
        )
        .returning('id')
        .execute();
      await call(
        'PATCH',
        `/submissions/${sid}/answers`,
        operator.cookie,
        {
          answers: questions.map((q, k) => ({
            questionCode: q.code,
            value: answerOf(q),
            evidence: [{ url: `https://ppid.bench${i}.go.id/${q.code}` }, { fileId: files[k]?.id as string }],
            note: `Catatan ${q.code}`,
          })),
        },
        { 'if-match': `"${mine.submission.version}"` },
      );
      await call('POST', `/submissions/${sid}/submit`, operator.cookie);
      sids.push(sid);
    }
    await call('POST', `/periods/${pid}/stage`, admin.cookie, { to: 'verification' });
    await db
      .insertInto('assignments')
      .values(
        sids.map((submissionId) => ({
          commissionId: commission.id,
          periodId: pid,
          submissionId,
          evaluatorId: evaluator.id,
        })),
      )
      .execute();
    // the links were checked once (the view shows each link's status)
    await db.updateTable('linkChecks').set({ status: 200, checkedAt: new Date() }).execute();

    // the bare handlers: the same rows, read and written with no layers
    const sql = postgres(scratch.url, { max: 10 });
    const target = questions.find((q) => q.type === 'boolean') as Question;
    const bare = new Hono()
      .get('/submissions/:sid', async (c) => {
        const sid = c.req.param('sid');
        const [submission, answers, evidence] = await Promise.all([
          sql`select s.*, p.stage, p.methodology, b.name as body_name, c.code as category_code
            from submissions s join periods p on p.id = s.period_id join bodies b on b.id = s.body_id
            join categories c on c.id = b.category_id where s.id = ${sid}`,
          sql`select * from answers where submission_id = ${sid} order by question_code`,
          sql`select e.*, f.name, f.size, f.content_type, l.status, l.checked_at from evidence e
            left join files f on f.id = e.file_id left join link_checks l on l.url = e.url
            where e.submission_id = ${sid} order by e.question_code, e.position`,
        ]);
        return c.json({ submission: submission[0], answers, evidence });
      })
      .patch('/submissions/:sid/verification', async (c) => {
        const sid = c.req.param('sid');
        const { items } = (await c.req.json()) as {
          items: { questionCode: string; value: boolean; reason?: string }[];
        };
        const item = items[0] as (typeof items)[number];
        await sql.begin(async (tx) => {
          await tx`update answers set verified_value = ${sql.json(item.value)}, verified_points = ${item.value ? 1 : 0},
            verified_reason = ${item.reason ?? null}, verified_by = ${evaluator.id}, verified_at = now()
            where submission_id = ${sid} and question_code = ${item.questionCode}`;
          await tx`insert into submission_history (submission_id, question_code, actor_id, event, before, after, reason)
            values (${sid}, ${item.questionCode}, ${evaluator.id}, 'verification.set', null,
              ${sql.json({ value: item.value })}, ${item.reason ?? null})`;
          await tx`update submissions set verification_state = 'in_progress', updated_at = now() where id = ${sid}`;
        });
        return c.json({ ok: true });
      });

    const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
      new Promise<{ port: number; close: () => void }>((resolve) => {
        const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
          resolve({ port: info.port, close: () => server.close() }),
        );
      });
    const ours = await listen(app.fetch);
    const base = await listen(bare.fetch);
    const oursBase = `http://127.0.0.1:${ours.port}/api`;
    const bareBase = `http://127.0.0.1:${base.port}`;

    // each client opens its own submission
    const opener = (root: string, headers: Record<string, string>) => {
      let next = 0;
      return () => {
        const sid = sids[next++ % sids.length] as string;
        return async () => {
          const res = await fetch(`${root}/submissions/${sid}`, { headers });
          if (!res.ok) throw new Error(String(res.status));
          await res.arrayBuffer();
        };
      };
    };
    // each client saves one item of its own submission, alternately corrected (with a reason) and accepted, so that
    // every save changes the row and appends to the trail
    const saver = (root: string, headers: Record<string, string>) => {
      let next = 0;
      return () => {
        const sid = sids[next++ % sids.length] as string;
        let flip = false;
        return async () => {
          flip = !flip;
          const item = flip
            ? { questionCode: target.code, value: false, reason: 'Dokumen tidak ditandatangani pimpinan' }
            : { questionCode: target.code, value: true };
          const res = await fetch(`${root}/submissions/${sid}/verification`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', ...headers },
            body: JSON.stringify({ items: [item] }),
          });
          if (!res.ok) throw new Error(String(res.status));
          await res.arrayBuffer();
        };
      };
    };
    const cookie = { cookie: evaluator.cookie };
    const perClient = async (make: () => () => Promise<void>, secs: number) => {
      const calls = Array.from({ length: clients }, make);
      const runs = await Promise.all(calls.map((c) => closedLoop(1, secs, c)));
      const all = runs.reduce((n, r) => n + r.rate, 0);
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
      return {
        rate: all,
        p50: median(runs.map((r) => r.p50)),
        p99: Math.max(...runs.map((r) => r.p99)),
        failures: runs.reduce((n, r) => n + r.failures, 0),
      };
    };

    // warm both paths (JIT, prepared statements, the questionnaire cache, the session cache)
    await perClient(opener(oursBase, cookie), 1);
    await perClient(opener(bareBase, {}), 1);
    await perClient(saver(oursBase, cookie), 1);
    await perClient(saver(bareBase, {}), 1);

    // interleaved (ours, bare, bare, ours) so that drift of the shared machine falls on both alike
    const twice = async (a: () => Promise<Awaited<ReturnType<typeof perClient>>>, b: typeof a) => {
      const a1 = await a();
      const b1 = await b();
      const b2 = await b();
      const a2 = await a();
      const join = (x: typeof a1, y: typeof a1) => ({
        rate: (x.rate + y.rate) / 2,
        p50: (x.p50 + y.p50) / 2,
        p99: Math.max(x.p99, y.p99),
        failures: x.failures + y.failures,
      });
      return [join(a1, a2), join(b1, b2)] as const;
    };
    const half = seconds / 2;
    const [openOurs, openBare] = await twice(
      () => perClient(opener(oursBase, cookie), half),
      () => perClient(opener(bareBase, {}), half),
    );
    const [saveOurs, saveBare] = await twice(
      () => perClient(saver(oursBase, cookie), half),
      () => perClient(saver(bareBase, {}), half),
    );
    bench('verification', 'open-p50', openOurs.p50, openBare.p50, 'ms', '3');
    bench('verification', 'open-p99', openOurs.p99, openBare.p99, 'ms');
    bench('verification', 'open-throughput', openOurs.rate, openBare.rate, 'req/s');
    bench('verification', 'save-p50', saveOurs.p50, saveBare.p50, 'ms', '3');
    bench('verification', 'save-p99', saveOurs.p99, saveBare.p99, 'ms');
    bench('verification', 'save-throughput', saveOurs.rate, saveBare.rate, 'req/s');
    console.log(`BENCH verification failures ours=${openOurs.failures + saveOurs.failures} target=0`);
    console.log(
      `# ${questions.length} questions, ${clients} clients (one submission each), ${seconds} s per side per figure`,
    );
    ours.close();
    base.close();
    await sql.end();
    const failures = openOurs.failures + saveOurs.failures + openBare.failures + saveBare.failures;
    if (failures > 0) throw new Error(`${failures} request(s) failed`);
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** A realistic full answer: yes, the second-best option, all but the last checklist item. */
function answerOf(q: Question): boolean | string | string[] {
  if (q.type === 'boolean') return true;
  if (q.type === 'choice') return (q.options?.[1] ?? q.options?.[0])?.code as string;
  return (q.items ?? []).slice(0, Math.max(1, (q.items?.length ?? 1) - 1)).map((i) => i.code);
}
