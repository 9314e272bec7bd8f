/**
 * The app serving the certificates' ZIP for `npm run bench -- pdf`, in a process of its own so that its peak RSS is
 * the app's alone (the render worker's included: a worker thread is part of the process; the database is PostgreSQL,
 * another process). Built as src/server.ts builds it: the heap setting, the worker renderer. `GET /bench/rss` answers
 * this process's peak RSS so far (kB). Prints `READY <port>`; stops on SIGTERM.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../../src/app.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { AppDeps } from '../../src/http/context.ts';
import { createLogger } from '../../src/lib/logger.ts';
import { createLogMailSender } from '../../src/lib/mail.ts';
import { tuneHeapForLatency } from '../../src/lib/node-heap.ts';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { createWorkerPdfRenderer } from '../../src/modules/pdf/worker-renderer.ts';

tuneHeapForLatency();
const url = process.env.DATABASE_URL;
if (!url) throw new Error('pdf-zip-server.ts needs DATABASE_URL');
const database = createPostgresDatabase({ url, max: 10 });
const logger = createLogger('error', (line) => console.error(line));
// BENCH_PDF_OPTIONS='{"recycleAfter":500}': other renderer options, for investigating
const pdf = createWorkerPdfRenderer({ logger, ...JSON.parse(process.env.BENCH_PDF_OPTIONS ?? '{}') });
const deps: AppDeps = {
  db: database.db,
  databaseKind: database.kind,
  publicUrl: 'http://localhost:3000',
  sessionSecret: process.env.BENCH_SECRET ?? '',
  passwordHasher: createNodePasswordHasher(),
  mailSender: createLogMailSender(logger),
  logger,
  clientIp: () => '127.0.0.1',
  pdf,
};
const app = createApp(deps);
const server = serve(
  {
    fetch: (request) =>
      new URL(request.url).pathname === '/bench/rss'
        ? Response.json({
            maxRssKb: process.resourceUsage().maxRSS,
            memory: process.memoryUsage(),
            rendered: pdf.stats(),
          })
        : app.fetch(request),
    port: 0,
    hostname: '127.0.0.1',
  },
  (info: AddressInfo) => console.log(`READY ${info.port}`),
);
process.on('SIGTERM', async () => {
  server.close();
  await pdf.close();
  await database.close();
  process.exit(0);
});
