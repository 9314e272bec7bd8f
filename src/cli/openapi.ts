import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from '../app.ts';
import { createPgliteDatabase } from '../db/pglite.ts';
import { loadEnv } from '../env.ts';
import { createLogger } from '../lib/logger.ts';
import { createLogMailSender } from '../lib/mail.ts';
import { createNodePasswordHasher } from '../lib/node-password.ts';
import { randomToken } from '../lib/tokens.ts';

/**
 * `npm run lint:api` (first step): writes the OpenAPI document to dist/openapi.json (or the path given) without a
 * server or a configured database, so that the linter reads exactly what GET /api/openapi.json serves. The app is
 * built on an empty in-memory PGlite: the document is made from the route definitions and reads no row.
 */
const out = path.resolve(process.argv[2] ?? 'dist/openapi.json');
const env = loadEnv();
const database = await createPgliteDatabase();
try {
  const logger = createLogger('silent');
  const app = createApp({
    db: database.db,
    databaseKind: database.kind,
    publicUrl: env.PUBLIC_URL,
    sessionSecret: randomToken(48),
    passwordHasher: createNodePasswordHasher(),
    mailSender: createLogMailSender(logger),
    logger,
    clientIp: () => 'cli',
  });
  const res = await app.request('/api/openapi.json');
  if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}: ${await res.text()}`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(doc, null, 2)}\n`);
  const operations = Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);
  console.log(`Wrote ${path.relative(process.cwd(), out)}: ${operations} operations.`);
} finally {
  await database.close();
}
