import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { type InsertObject, sql as kysql } from 'kysely';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import { jsonb } from '../../src/db/json.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/schema.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';
import { bench, bodyRow, closedLoop, scratchDatabase, seedCommission } from './lib.ts';

const BODIES = 1000;
const CATEGORIES = ['KEMENTERIAN', 'LNS', 'PEMPROV', 'BUMN'];

/**
 * Opening the public results of a 1,000-body published year (issue 23): GET /api/public/commissions/BENCH/results/2025
 * through the whole app (anonymous: no session; commission, latest version, rows, categories), against a bare Hono +
 * postgres.js handler reading the same rows of the same version in one query. Both answered uncompressed (the client
 * asks for identity), so the figure is the price of our layers, not of gzip. Prints the p50 ratio (target <= 3).
 */
export async function publicResultsRead(quick: boolean): Promise<void> {
  const seconds = quick ? 3 : 10;
  const clients = 4;
  const scratch = await scratchDatabase('public_read');
  const database = createPostgresDatabase({ url: scratch.url, max: 10 });
  const db = database.db;
  try {
    await migrateToLatest(db);
    const commission = await seedCommission(db, 'BENCH', 'Komisi Informasi Bench', CATEGORIES);
    const { categories } = commission;
    const bodies = await db
      .insertInto('bodies')
      .values(
        Array.from({ length: BODIES }, (_, i) => {
          const category = categories[i % categories.length] as { id: string };
          return bodyRow(commission.id, category.id, `Badan Publik Bench ${String(i).padStart(4, '0')}`);
        }),
      )
      .returning(['id', 'name', 'categoryId'])
      .execute();
    const period = await db
      .insertInto('periods')
      .values({
        commissionId: commission.id,
        year: 2025,
        title: 'Monev Bench 2025',
        stage: 'published',
        methodology: jsonb(KIP_METHODOLOGY),
        schedule: jsonb({}),
        settings: jsonb({}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const version = await db
      .insertInto('resultVersions')
      .values({
        commissionId: commission.id,
        periodId: period.id,
        version: 1,
        decreeNumber: '1/KEP/BENCH/2025',
        decreeDate: '2025-12-01',
        methodology: jsonb(KIP_METHODOLOGY),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // finals spread over 0-100 with ties; ranked per category by final, listed by category, rank, name
    const codeOf = new Map(categories.map((c) => [c.id, c.code]));
    const scored = bodies.map((b, i) => {
      const saq = (i * 37) % 10_001;
      const presentation = (i * 53) % 10_001;
      const final = Math.round((saq * 80 + presentation * 20) / 100);
      return { ...b, categoryCode: codeOf.get(b.categoryId) as string, saq, presentation, final };
    });
    scored.sort(
      (a, b) => a.categoryCode.localeCompare(b.categoryCode) || b.final - a.final || (a.name < b.name ? -1 : 1),
    );
    let position = 0;
    const rows: InsertObject<Database, 'resultRows'>[] = [];
    let lastRank = 0;
    for (const code of CATEGORIES) {
      const inCategory = scored.filter((s) => s.categoryCode === code);
      inCategory.forEach((s, i) => {
        const previous = inCategory[i - 1];
        const rank = previous && previous.final === s.final ? lastRank : i + 1;
        lastRank = rank;
        const band = KIP_METHODOLOGY.bands.findIndex((b) => s.final / 100 >= b.min);
        rows.push({
          versionId: version.id,
          periodId: period.id,
          bodyId: s.id,
          bodyName: s.name,
          categoryCode: code,
          submissionId: null,
          components: jsonb({ saq: s.saq / 100, presentation: s.presentation / 100 }),
          final: (s.final / 100).toFixed(2),
          band: KIP_METHODOLOGY.bands[band]?.label as string,
          bandIndex: band,
          rank,
          position: position++,
        });
      });
    }
    for (let start = 0; start < rows.length; start += 250) {
      await db
        .insertInto('resultRows')
        .values(rows.slice(start, start + 250))
        .execute();
    }
    await kysql`analyze`.execute(db);

    const logger = createLogger('silent');
    const app = createApp({
      db,
      databaseKind: 'postgres',
      publicUrl: 'http://localhost',
      sessionSecret: 'bench-secret-bench-secret-bench-secret-01',
      passwordHasher: createNodePasswordHasher(),
      mailSender: createLogMailSender(logger),
      logger,
      clientIp: () => '127.0.0.1',
    });
    const sql = postgres(scratch.url, { max: 10 });
    const bare = new Hono().get('/results/:code/:year', async (c) => {
      const rows = await sql`
        select r.rank, r.body_id, r.body_name, r.category_code, r.components, r.final, r.band, r.example
        from result_rows r
        where r.version_id = (
          select v.id from result_versions v
          join periods p on p.id = v.period_id
          join commissions m on m.id = p.commission_id
          where m.code = ${c.req.param('code')} and p.year = ${Number(c.req.param('year'))}
          order by v.version desc limit 1)
        order by r.position`;
      return c.json({ rows });
    });
    const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
      new Promise<{ port: number; close: () => void }>((resolve) => {
        const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
          resolve({ port: info.port, close: () => server.close() }),
        );
      });
    const ours = await listen(app.fetch);
    const base = await listen(bare.fetch);
    const oursUrl = `http://127.0.0.1:${ours.port}/api/public/commissions/BENCH/results/2025`;
    const baseUrl = `http://127.0.0.1:${base.port}/results/BENCH/2025`;
    const get = (url: string) => async () => {
      const res = await fetch(url, { headers: { 'accept-encoding': 'identity' } });
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { rows: unknown[] };
      if (body.rows.length !== BODIES) throw new Error(`${body.rows.length} rows`);
    };
    // warm both paths
    await closedLoop(4, 1, get(oursUrl));
    await closedLoop(4, 1, get(baseUrl));
    const a = await closedLoop(clients, seconds, get(oursUrl));
    const b = await closedLoop(clients, seconds, get(baseUrl));
    bench('results', 'public-read-p50', a.p50, b.p50, 'ms', '<=3');
    bench('results', 'public-read-throughput', a.rate, b.rate, 'req/s');
    console.log(`BENCH results public-read-failures ours=${a.failures + b.failures} target=0`);
    ours.close();
    base.close();
    await sql.end();
  } finally {
    await database.close();
    await scratch.drop();
  }
}
