import type { Context } from 'hono';
import type { DatabaseKind, Db } from '../db/database.ts';
import type { Actor } from '../domain/access.ts';
import type { Logger } from '../lib/logger.ts';
import type { MailSender } from '../lib/mail.ts';
import type { PasswordHasher } from '../lib/password.ts';
import type { PdfRenderer } from '../lib/pdf-renderer.ts';
import type { FileStorage } from '../lib/storage.ts';
import type { UploadReceiver } from '../lib/upload.ts';

/** Everything the app needs from its host (Node, Workers, tests): built once, passed to createApp. */
export interface AppDeps {
  db: Db;
  databaseKind: DatabaseKind;
  /** Origin that links point to and that cookie-authenticated writes must come from. */
  publicUrl: string;
  /** Origins cookie-authenticated writes may come from (http/origin.ts); absent: publicUrl's origin alone. */
  writeOrigins?: readonly string[] | undefined;
  /** Keys the stored hashes of session and invitation tokens. */
  sessionSecret: string;
  passwordHasher: PasswordHasher;
  mailSender: MailSender;
  logger: Logger;
  /** Behind a reverse proxy whose X-Forwarded-* headers are trusted (TRUST_PROXY): X-Forwarded-Proto says https. */
  trustProxy?: boolean | undefined;
  /** The client address used for throttling; hosts know best where it comes from. */
  clientIp(c: Context): string;
  /** Serves the built web client (Node: from dist/web; Workers: the assets binding); absent in API-only tests. */
  serveStatic?: ((c: Context, path: string) => Promise<Response | undefined>) | undefined;
  now?: (() => Date) | undefined;
  /**
   * How long a looked-up session is trusted without asking the database again (milliseconds; 0: every request asks).
   * A logout here takes effect at once; one on another instance, or a revoked role, within this time.
   */
  sessionCacheMs?: number | undefined;
  /** Evidence files: where they are kept, how uploads arrive, and the largest allowed (bytes). */
  files?:
    | { storage: FileStorage; receive: UploadReceiver; discard: (tempPath: string) => Promise<void>; limit: number }
    | undefined;
  /** Renders the PDFs (report, scorecard, certificates); absent (Workers): the PDF routes answer 503. */
  pdf?: PdfRenderer | undefined;
  /** Tests: a problem answered in Indonesian names its texts that have no catalogue entry (X-Untranslated-Messages). */
  markUntranslated?: boolean | undefined;
}

export interface AppEnv {
  Variables: {
    deps: AppDeps;
    actor: Actor | null;
    requestId: string;
  };
}

export type AppContext = Context<AppEnv>;

/** The app's time: `deps.now` when a test or the demo sets it, else the clock. */
export const nowOf = (deps: Pick<AppDeps, 'now'>): Date => deps.now?.() ?? new Date();
