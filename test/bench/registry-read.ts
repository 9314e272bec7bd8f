import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { bench, bodyRow, closedLoop, scratchDatabase, signedInUser } from './lib.ts';

/**
 * The commission admin's body list (one page of 50 of 2,000 bodies, session lookup, authorization, count) through the
 * whole app, against a bare Hono + postgres.js handler running the same page query with no session: the price of
 * our layers on the most frequent registry read.
 */
export async function registryRead(quick: boolean) {
  const seconds = quick ? 3 : 10;
  const clients = 20;
  const scratch = await scratchDatabase('registry_read');
  const database = createPostgresDatabase({ url: scratch.url, max: 10 });
  try {
    await migrateToLatest(database.db);
    const commission = await database.db
      .insertInto('commissions')
      .values({ code: 'BENCH', name: 'Komisi Informasi Bench', province: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const category = await database.db
      .insertInto('categories')
      .values({ commissionId: commission.id, code: 'OPD', name: 'OPD' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bodies = Array.from({ length: 2000 }, (_, i) =>
      bodyRow(commission.id, category.id, `Dinas Bench ${String(i).padStart(4, '0')}`),
    );
    await database.db.insertInto('bodies').values(bodies).execute();
    const secret = 'bench-secret-bench-secret-bench-secret-01';
    const { cookie } = await signedInUser(database.db, secret, {
      email: 'bench@x.example',
      name: 'Bench',
      role: 'commission_admin',
      commissionId: commission.id,
    });

    const logger = createLogger('silent');
    const app = createApp({
      db: database.db,
      databaseKind: 'postgres',
      publicUrl: 'http://localhost',
      sessionSecret: secret,
      passwordHasher: createNodePasswordHasher(),
      mailSender: createLogMailSender(logger),
      logger,
      clientIp: () => '127.0.0.1',
    });
    const sql = postgres(scratch.url, { max: 10 });
    const bare = new Hono().get('/bodies', async (c) => {
      const rows = await sql`select b.id, b.name, c.code from bodies b join categories c on c.id = b.category_id
        where b.commission_id = ${commission.id} order by c.code, b.name limit 50`;
      return c.json({ bodies: rows });
    });
    const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
      new Promise<{ port: number; close: () => void }>((resolve) => {
        const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
          resolve({ port: info.port, close: () => server.close() }),
        );
      });
    const ours = await listen(app.fetch);
    const base = await listen(bare.fetch);
    const oursUrl = `http://127.0.0.1:${ours.port}/api/commissions/${commission.id}/bodies?limit=50`;
    const baseUrl = `http://127.0.0.1:${base.port}/bodies`;
    const get =
      (url: string, headers: Record<string, string> = {}) =>
      async () => {
        const res = await fetch(url, { headers });
        if (!res.ok) throw new Error(String(res.status));
        await res.arrayBuffer();
      };
    // warm both paths
    await closedLoop(4, 1, get(oursUrl, { cookie }));
    await closedLoop(4, 1, get(baseUrl));
    const a = await closedLoop(clients, seconds, get(oursUrl, { cookie }));
    const b = await closedLoop(clients, seconds, get(baseUrl));
    bench('registry-read', 'throughput', a.rate, b.rate, 'req/s');
    bench('registry-read', 'p99', a.p99, b.p99, 'ms');
    console.log(`BENCH registry-read failures ours=${a.failures} target=0`);
    ours.close();
    base.close();
    await sql.end();
  } finally {
    await database.close();
    await scratch.drop();
  }
}
