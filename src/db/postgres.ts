import { CamelCasePlugin, Kysely } from 'kysely';
import postgres from 'postgres';
import type { DatabaseHandle } from './database.ts';
import { PostgresJsDialect } from './postgres-dialect.ts';
import type { Database } from './schema.ts';

export interface PostgresOptions {
  url: string;
  max?: number;
}

/** Kysely over postgres.js. Imports no PGlite, so the Workers bundle stays small. */
export function createPostgresDatabase(options: PostgresOptions): DatabaseHandle {
  const sql = postgres(options.url, {
    max: options.max ?? 10,
    // a database that does not answer must give a 503 quickly, never a hang
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
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
