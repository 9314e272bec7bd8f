import { openDatabase } from '../bootstrap.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadEnv } from '../env.ts';

/** `npm run db:migrate`: applies pending migrations to the configured database. */
const env = loadEnv();
const database = await openDatabase(env);
try {
  const results = await migrateToLatest(database.db);
  console.log(results.length ? results.map((r) => `${r.status} ${r.migrationName}`).join('\n') : 'Already up to date.');
} finally {
  await database.close();
}
