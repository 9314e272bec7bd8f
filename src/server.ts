import { readFile } from 'node:fs/promises';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { nodeDeps, openDatabase } from './bootstrap.ts';
import { migrateToLatest } from './db/migrate.ts';
import { loadEnv } from './env.ts';
import { every } from './lib/every.ts';
import { tuneHeapForLatency } from './lib/node-heap.ts';
import { createNodeLinkProbe } from './lib/node-link-probe.ts';
import { purgeExpiredSessions, refreshSessions } from './modules/auth/auth.service.ts';
import { createAuthState } from './modules/auth/auth-state.ts';
import { type DemoRegistry, seedDemoIfEmpty } from './modules/demo/demo.service.ts';
import { currentDemoLogins, demoLoginLines } from './modules/demo/demo-logins.service.ts';
import { deliverPending } from './modules/outbox/outbox.service.ts';
import { queueDueReminders } from './modules/review/notices.ts';
import { lockExpiredReopened } from './modules/submissions/lifecycle.service.ts';
import { checkDueLinks } from './modules/submissions/link-check.service.ts';

/** Node entry: env -> database -> migrate -> (demo seed) -> serve; SIGTERM/SIGINT finish in-flight requests first. */
async function main() {
  tuneHeapForLatency();
  const env = loadEnv();
  const database = await openDatabase(env);
  await migrateToLatest(database.db);
  const deps = await nodeDeps(env, database);

  if (env.DEMO) {
    const demo = JSON.parse(await readFile('fixtures/demo/kip-registry.json', 'utf8')) as DemoRegistry;
    if (await seedDemoIfEmpty(database.db, deps.passwordHasher, demo, deps.publicUrl))
      console.log('\nDemo data seeded.');
    // read back from the database on every start, so that what is printed is what can sign in now
    const logins = await currentDemoLogins(database.db, deps.passwordHasher, demo.password);
    console.log(`\n${demoLoginLines(logins, demo.password).join('\n')}`);
  }

  // the session cache is the app's; the server revalidates it in the background (below)
  const auth = { ...deps, auth: createAuthState() };
  const app = createApp(deps, { auth: auth.auth });
  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    console.log(
      `\nInformatif is serving on ${env.PUBLIC_URL} (listening on ${info.address}:${info.port}, database: ${database.kind})\n`,
    );
  });

  const stopOutbox = every(
    2000,
    () => deliverPending(database.db, deps.mailSender, deps.logger),
    (error) => deps.logger.warn('outbox.failed', { error: String(error) }),
  );

  // evidence links are checked in the background, never on the save path
  const probe = createNodeLinkProbe();
  const stopLinks = every(
    5000,
    () => checkDueLinks(database.db, probe, deps.logger),
    (error) => deps.logger.warn('links.failed', { error: String(error) }),
  );

  // cached sessions are revalidated together, half a cache period apart, instead of one lookup per request
  const stopSessions = every(
    Math.max(500, (deps.sessionCacheMs ?? 0) / 2),
    () => refreshSessions(auth),
    (error) => deps.logger.warn('sessions.refresh_failed', { error: String(error) }),
  );
  const stopPurge = every(
    3600_000,
    () => purgeExpiredSessions(deps),
    (error) => deps.logger.warn('sessions.purge_failed', { error: String(error) }),
  );

  // the review's clock: reminders of clarifications due soon (at most one a body a day, so hourly is safe), and the
  // lock of reopened submissions whose extension ended (issue 22); each runs once at start too, after a restart
  const reviewJobs = async () => {
    const now = new Date();
    const locked = await lockExpiredReopened(deps, now);
    if (locked > 0) deps.logger.info('submissions.locked_after_extension', { count: locked });
    const reminders = await database.db.transaction().execute((trx) => queueDueReminders(trx, deps, now));
    if (reminders > 0) deps.logger.info('notices.reminders_queued', { count: reminders });
  };
  const reviewFailed = (error: unknown) => deps.logger.warn('review_jobs.failed', { error: String(error) });
  reviewJobs().catch(reviewFailed);
  const stopReview = every(3600_000, reviewJobs, reviewFailed);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.logger.info('shutdown', { signal });
    stopOutbox();
    stopLinks();
    stopSessions();
    stopPurge();
    stopReview();
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await deps.pdf?.close();
      await database.close();
      process.exit(0);
    });
    // idle keep-alive connections would hold close() open
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
