import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { DatabaseHandle } from './db/database.ts';
import { createPgliteDatabase } from './db/pglite.ts';
import { createPostgresDatabase } from './db/postgres.ts';
import type { Env } from './env.ts';
import type { AppDeps } from './http/context.ts';
import { writeOrigins } from './http/origin.ts';
import { createLogger, type Logger } from './lib/logger.ts';
import { createLogMailSender, type MailSender } from './lib/mail.ts';
import { createNodePasswordHasher } from './lib/node-password.ts';
import { createNodeStatic } from './lib/node-static.ts';
import { createLocalStorage, createS3Storage } from './lib/node-storage.ts';
import { createNodeUploadReceiver } from './lib/node-upload.ts';
import { createSmtpMailSender } from './lib/smtp-mail.ts';
import { randomToken } from './lib/tokens.ts';
import { createWorkerPdfRenderer } from './modules/pdf/worker-renderer.ts';

/** The database the environment asks for: PostgreSQL with DATABASE_URL, else embedded PGlite persisted in DATA_DIR. */
export async function openDatabase(env: Env): Promise<DatabaseHandle> {
  if (env.DATABASE_URL) return createPostgresDatabase({ url: env.DATABASE_URL });
  const dir = path.resolve(env.DATA_DIR, 'pglite');
  await mkdir(dir, { recursive: true });
  return createPgliteDatabase({ dataDir: dir });
}

/** SESSION_SECRET, or in embedded mode one generated on first start and kept (mode 600) in DATA_DIR. */
export async function sessionSecret(env: Env): Promise<string> {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  const file = path.resolve(env.DATA_DIR, 'session-secret');
  try {
    const kept = (await readFile(file, 'utf8')).trim();
    if (kept.length >= 32) return kept;
  } catch {
    // first start: fall through and create it
  }
  const secret = randomToken(48);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** The mail sender the environment asks for: SMTP with SMTP_URL (from MAIL_FROM), else the log. */
export function mailSenderOf(env: Pick<Env, 'SMTP_URL' | 'MAIL_FROM'>, logger: Logger): MailSender {
  return env.SMTP_URL ? createSmtpMailSender({ url: env.SMTP_URL, from: env.MAIL_FROM }) : createLogMailSender(logger);
}

/** Dependencies of the app on Node. */
export async function nodeDeps(env: Env, database: DatabaseHandle): Promise<AppDeps> {
  const logger = createLogger(env.LOG_LEVEL);
  return {
    db: database.db,
    databaseKind: database.kind,
    publicUrl: env.PUBLIC_URL,
    writeOrigins: writeOrigins(env.PUBLIC_URL, env.PUBLIC_URL_DEFAULTED),
    sessionSecret: await sessionSecret(env),
    sessionCacheMs: env.SESSION_CACHE_SECONDS * 1000,
    trustProxy: env.TRUST_PROXY,
    passwordHasher: createNodePasswordHasher(),
    mailSender: mailSenderOf(env, logger),
    logger,
    clientIp: (c: Context) => {
      if (env.TRUST_PROXY) {
        const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
        if (forwarded) return forwarded;
      }
      try {
        return getConnInfo(c).remote.address ?? 'unknown';
      } catch {
        return 'unknown';
      }
    },
    serveStatic: createNodeStatic(path.resolve('dist/web')),
    // PDFs render in a worker thread that is recycled (decision 015)
    pdf: createWorkerPdfRenderer({ logger }),
    files: {
      storage:
        env.S3_ENDPOINT && env.S3_BUCKET && env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
          ? createS3Storage({
              endpoint: env.S3_ENDPOINT,
              bucket: env.S3_BUCKET,
              region: env.S3_REGION,
              accessKeyId: env.S3_ACCESS_KEY_ID,
              secretAccessKey: env.S3_SECRET_ACCESS_KEY,
            })
          : createLocalStorage(path.resolve(env.DATA_DIR, 'files')),
      receive: createNodeUploadReceiver(path.resolve(env.DATA_DIR, 'tmp')),
      discard: (tempPath) => unlink(tempPath).catch(() => {}),
      limit: env.UPLOAD_LIMIT_MB * 1024 * 1024,
    },
  };
}
