import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type Migration, type MigrationProvider, type MigrationResult, Migrator, sql } from 'kysely';
import type { Db } from './database.ts';

/** Reads forward-only SQL files named `NNNN_name.sql`; each runs as one script inside the migrator's transaction. */
class SqlFileMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const text = await readFile(path.join(this.folder, file), 'utf8');
      migrations[file.replace(/\.sql$/, '')] = {
        async up(db) {
          // a migration may rewrite a large table or wait for the app's locks: the sessions' limits
          // (src/db/postgres.ts) are lifted for its transaction only
          await sql`set local statement_timeout = 0`.execute(db);
          await sql`set local lock_timeout = 0`.execute(db);
          await sql.raw(text).execute(db);
        },
      };
    }
    return migrations;
  }
}

/** The migrations folder, resolved from the working directory so that a bundled server finds it too. */
export function defaultMigrationsFolder(): string {
  return path.resolve(process.cwd(), 'migrations');
}

/** Applies every pending migration; throws with the failing migration's name if one fails. */
export async function migrateToLatest(db: Db, folder = defaultMigrationsFolder()): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: new SqlFileMigrationProvider(folder) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`, { cause: error });
  }
  return results ?? [];
}
