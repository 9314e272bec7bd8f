import { CamelCasePlugin, Kysely } from 'kysely';
import postgres from 'postgres';
import type { DatabaseHandle } from './database.ts';
import { PostgresJsDialect } from './postgres-dialect.ts';
import type { Database } from './schema.ts';

export interface PostgresOptions {
  url: string;
  max?: number;
  /**
   * Limits every session of the pool sets at connect (PostgreSQL startup parameters), so that no request hangs on the
   * database: a statement over `statementMs`, a wait for a lock over `lockMs` or a transaction left idle over
   * `idleInTransactionMs` is cancelled, and the request gets a 503 with Retry-After (API.md). `false` sets none (a
   * pooler that refuses startup parameters).
   */
  timeouts?: DatabaseTimeouts | false;
}

export interface DatabaseTimeouts {
  statementMs: number;
  lockMs: number;
  idleInTransactionMs: number;
}

/**
 * The longest legitimate statement reads or writes one period (lists, exports: well under a second at national scale);
 * an autosave that waits more than a few seconds for a lock is better retried by the page than left hanging. The
 * outbox holds a transaction while the mail sender talks to its server (its row stays locked until the mail is marked
 * sent): five minutes is far beyond any sender's own timeout, and still ends a transaction that leaked.
 */
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { statementMs: 30_000, lockMs: 5_000, idleInTransactionMs: 300_000 };

/** Kysely over postgres.js. Imports no PGlite, so the Workers bundle stays small. */
export function createPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const timeouts = options.timeouts === undefined ? DEFAULT_TIMEOUTS : options.timeouts;
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // a database that does not answer must give a 503 quickly, never a hang
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
    ...(timeouts
      ? {
          connection: {
            statement_timeout: timeouts.statementMs,
            lock_timeout: timeouts.lockMs,
            idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
          },
        }
      : {}),
  });
  const db = new Kysely<Database>({
    dialect: new PostgresJsDialect(sql),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    kind: 'postgres',
    async close() {
      await db.destroy();
    },
  };
}
