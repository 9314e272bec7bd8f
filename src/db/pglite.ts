import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely } from 'kysely';
import type { DatabaseHandle } from './database.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export interface PgliteOptions {
  /** A folder to persist in; in memory when absent. */
  dataDir?: string | undefined;
  /** A dump (`dumpDataDir`) to start from: tests start each file from a migrated template. */
  loadDataDir?: Blob | File | undefined;
}

/** Kysely over embedded PGlite (real PostgreSQL compiled to WASM): the zero-install default. */
export async function createPgliteDatabase(options: PgliteOptions = {}): Promise<DatabaseHandle & { pglite: PGlite }> {
  const pglite = new PGlite({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), plugins: [new CamelCasePlugin()] });
  return {
    db,
    kind: 'pglite',
    pglite,
    async close() {
      await db.destroy();
      await pglite.close();
    },
  };
}
