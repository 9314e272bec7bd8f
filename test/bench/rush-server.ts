/**
 * A server for the deadline-rush benchmark, in its own process: `app` is the whole Informatif app (PostgreSQL with
 * DATABASE_URL, else embedded PGlite in DATA_DIR); `bare` is the baseline, Hono + postgres.js doing one one-row upsert.
 * Prints `READY <port>` once listening; stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import postgres from 'postgres';
import { createApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { AppDeps } from '../../src/http/context.ts';
import { every } from '../../src/lib/every.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { refreshSessions } from '../../src/modules/auth/auth.service.ts';

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
  const app = createApp(deps);
  // as src/server.ts does
  const stopSessions = every(
    deps.sessionCacheMs / 2,
    () => refreshSessions(deps),
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

const server = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
  console.log(`READY ${info.port}`);
});
process.on('SIGTERM', () => {
  server.close();
  close().finally(() => process.exit(0));
});
