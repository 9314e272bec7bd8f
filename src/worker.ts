import { createApp } from './app.ts';
import { createPostgresDatabase } from './db/postgres.ts';
import { WorkerEnvSchema } from './env.ts';
import { createLogger } from './lib/logger.ts';
import { createLogMailSender } from './lib/mail.ts';
import { createPasswordHasher, portableScrypt } from './lib/password.ts';

interface AssetsBinding {
  fetch(request: Request): Promise<Response>;
}

interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
}

const hasher = createPasswordHasher(portableScrypt);

/**
 * Cloudflare Workers entry: the same createApp over postgres.js through Hyperdrive. A connection pool cannot outlive a
 * request in Workers, so each request opens a one-connection handle (Hyperdrive pools for us) and closes it after.
 * Migrations are not run here: deploys run `npm run db:migrate` against the database first (docs/deploy.md).
 */
export default {
  async fetch(request: Request, bindings: Record<string, unknown>, ctx: ExecutionContext): Promise<Response> {
    const parsed = WorkerEnvSchema.safeParse(bindings);
    if (!parsed.success) {
      console.error(`Invalid worker environment: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
      return new Response('Server misconfigured', { status: 500 });
    }
    const env = parsed.data;
    const assets = bindings.ASSETS as AssetsBinding | undefined;
    // Hyperdrive pools connections itself and may not pass startup parameters on: no session limits here (a Worker's
    // request is bounded by the platform's own limits)
    const database = createPostgresDatabase({ url: env.HYPERDRIVE.connectionString, max: 1, timeouts: false });
    const logger = createLogger(env.LOG_LEVEL);
    const app = createApp({
      db: database.db,
      databaseKind: 'postgres',
      publicUrl: env.PUBLIC_URL,
      sessionSecret: env.SESSION_SECRET,
      passwordHasher: hasher,
      mailSender: createLogMailSender(logger),
      logger,
      clientIp: (c) => c.req.header('cf-connecting-ip') ?? 'unknown',
      serveStatic: assets
        ? async (_c, path) => {
            const res = await assets.fetch(new Request(new URL(path, request.url)));
            return res.ok ? res : undefined;
          }
        : undefined,
    });
    try {
      return await app.fetch(request);
    } finally {
      ctx.waitUntil(database.close());
    }
  },
};
