import { sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import { insertVersionWithRows } from '../../src/modules/results/results-sql.repository.ts';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';
import { bench, scratchDatabase } from './lib.ts';
import { publicResultsRead } from './public-read.ts';

/**
 * `npm run bench -- results`: a period's results computed, ranked and stored (the publish path's one INSERT ... SELECT:
 * components, the gate, bands, competition ranks per category, listing positions, exact to the last digit) for
 * 100,000 bodies x 100 answers on PostgreSQL (quick: 10,000) and 10,000 on PGlite (quick: 2,000), against a
 * hand-written single INSERT ... SELECT aggregate over the same rows (the SAQ's weighted sum to a final, no gate, no
 * panel, no ranking). Each side runs twice, interleaved (ours, bare, bare, ours), each in a transaction rolled back.
 */
export async function results(quick: boolean): Promise<void> {
  const scratch = await scratchDatabase('results');
  const pg = createPostgresDatabase({ url: scratch.url, max: 2, timeouts: false });
  try {
    await run('postgres', pg.db, quick ? 10_000 : 100_000);
  } finally {
    await pg.close();
    await scratch.drop();
  }
  const lite = await createPgliteDatabase();
  try {
    await run('pglite', lite.db, quick ? 2_000 : 10_000);
  } finally {
    await lite.close();
  }
  // the third figure: opening the public results of a 1,000-body year against a bare read of the same rows
  await publicResultsRead(quick);
}

const CATEGORIES = 5;
const INDICATORS = 10;
const QUESTIONS_PER_INDICATOR = 10;

class Rollback extends Error {}

async function timedRollback(db: Db, work: (trx: Db) => Promise<unknown>): Promise<number> {
  let ms = 0;
  await db
    .transaction()
    .execute(async (trx) => {
      const t = performance.now();
      await work(trx);
      ms = performance.now() - t;
      throw new Rollback();
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e;
    });
  return ms;
}

async function run(kind: 'postgres' | 'pglite', db: Db, bodies: number) {
  await migrateToLatest(db);
  const t0 = performance.now();
  const { periodId, commissionId } = await seed(db, bodies);
  console.log(`# results ${kind}: ${bodies} bodies x 100 answers seeded in ${Math.round(performance.now() - t0)} ms`);
  const ours = (trx: Db) =>
    insertVersionWithRows(trx, {
      periodId,
      commissionId,
      version: 1,
      decreeNumber: 'SK Bench',
      decreeDate: '2025-12-15',
      actorId: null,
      methodology: KIP_METHODOLOGY,
      previousVersionId: null,
    });
  // the hand-written aggregate: every indicator has the same possible weight and the same weight, so the SAQ is one
  // weighted sum times a constant; the final is 80 % of it, rounded
  const scale = 100 / (QUESTIONS_PER_INDICATOR * 1.5 * INDICATORS);
  const bare = (trx: Db) =>
    sql`insert into bench_baseline (body_id, final)
      select s.body_id, round(sum(coalesce(a.verified_points, a.self_points) / q.max_points * q.weight) * ${scale} * 0.8, 2)
      from answers a
      join submissions s on s.id = a.submission_id
      join questions q on q.id = a.question_id
      where s.period_id = ${periodId}
      group by s.body_id`.execute(trx);
  const times = { ours: [] as number[], bare: [] as number[] };
  times.ours.push(await timedRollback(db, ours));
  times.bare.push(await timedRollback(db, bare));
  times.bare.push(await timedRollback(db, bare));
  times.ours.push(await timedRollback(db, ours));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  bench('results', `store-${kind}-${bodies}`, mean(times.ours), mean(times.bare), 'ms', '2');
}

/** A commission, five categories with a 100-question SAQ each, the bodies, their submitted answers and panel scores. */
async function seed(db: Db, bodies: number) {
  await sql`create table bench_baseline (body_id text primary key, final numeric not null)`.execute(db);
  const commission = await db
    .insertInto('commissions')
    .values({ code: 'BENCH', name: 'Komisi Informasi Bench', province: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { rows: periodRows } = await sql<{
    id: string;
  }>`insert into periods (commission_id, year, title, stage, methodology)
    values (${commission.id}, 2025, 'Monev Bench', 'results', cast(${JSON.stringify(KIP_METHODOLOGY)} as text)::jsonb)
    returning id`.execute(db);
  const period = periodRows[0] as { id: string };
  const cid = commission.id;
  const pid = period.id;
  await sql`insert into categories (commission_id, code, name)
    select ${cid}, 'CAT' || c, 'Kategori ' || c from generate_series(1, ${CATEGORIES}) c`.execute(db);
  await sql`insert into questionnaires (commission_id, period_id, category_id)
    select ${cid}, ${pid}, id from categories where commission_id = ${cid}`.execute(db);
  await sql`insert into indicators (questionnaire_id, code, title, weight, position)
    select q.id, i::text, 'Indikator ' || i, 10, i from questionnaires q, generate_series(1, ${INDICATORS}) i
    where q.period_id = ${pid}`.execute(db);
  // alternately a yes/no question (weight 1) and a checklist of 3 points (weight 2)
  await sql`insert into questions (questionnaire_id, indicator_id, code, text, type, weight, evidence, max_points, position)
    select i.questionnaire_id, i.id, i.code || '.' || k, 'Pertanyaan', case when k % 2 = 0 then 'boolean' else 'checklist' end,
      case when k % 2 = 0 then 1 else 2 end, 'none', case when k % 2 = 0 then 1 else 3 end, k
    from indicators i join questionnaires q on q.id = i.questionnaire_id, generate_series(1, ${QUESTIONS_PER_INDICATOR}) k
    where q.period_id = ${pid}`.execute(db);
  await sql`insert into bodies (commission_id, category_id, name, name_key, slug)
    select ${cid}, c.id, 'Badan Bench ' || g, 'badan bench ' || g, 'badan-bench-' || g
    from generate_series(1, ${bodies}) g
    join categories c on c.commission_id = ${cid} and c.code = 'CAT' || (1 + g % ${CATEGORIES})`.execute(db);
  await sql`insert into submissions (commission_id, period_id, body_id, status, submitted_at, first_submitted_at)
    select ${cid}, ${pid}, b.id, 'submitted', now(), now() from bodies b
    where b.commission_id = ${cid} and hashtext(b.id) % 20 <> 0`.execute(db);
  await sql`insert into answers (submission_id, question_id, question_code, self_points, verified_points)
    select s.id, q.id, q.code, abs(hashtext(s.id || q.code)) % (q.max_points::int + 1),
      case when abs(hashtext(q.code || s.id)) % 5 = 0 then abs(hashtext(q.code || s.id || 'v')) % (q.max_points::int + 1) end
    from submissions s
    join bodies b on b.id = s.body_id
    join questionnaires qn on qn.period_id = s.period_id and qn.category_id = b.category_id
    join questions q on q.questionnaire_id = qn.id
    where s.period_id = ${pid}`.execute(db);
  await sql`insert into users (email, name) select 'juri' || j || '@bench.example', 'Juri ' || j from generate_series(1, 3) j`.execute(
    db,
  );
  await sql`insert into panel_scores (submission_id, juror_id, component, score)
    select s.id, u.id, 'presentation', 50 + abs(hashtext(s.id || u.id)) % 51
    from submissions s cross join users u
    where s.period_id = ${pid} and u.email like '%@bench.example' and abs(hashtext(s.id)) % 2 = 0`.execute(db);
  await sql`analyze`.execute(db);
  return { periodId: pid, commissionId: cid };
}
