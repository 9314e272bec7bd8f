import { readFile } from 'node:fs/promises';
import { openDatabase } from '../bootstrap.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { loadEnv } from '../env.ts';
import { createNodePasswordHasher } from '../lib/node-password.ts';
import { type DemoRegistry, seedDemoIfEmpty } from '../modules/demo/demo.service.ts';

/** `npm run db:seed`: seeds the demo data into the configured database if it is empty. */
const env = loadEnv();
const database = await openDatabase(env);
try {
  await migrateToLatest(database.db);
  const demo = JSON.parse(await readFile('fixtures/demo/kip-registry.json', 'utf8')) as DemoRegistry;
  const logins = await seedDemoIfEmpty(database.db, createNodePasswordHasher(), demo, env.PUBLIC_URL);
  console.log(
    logins ? `Seeded ${logins.length} demo accounts (password ${demo.password}).` : 'Not empty: nothing seeded.',
  );
} finally {
  await database.close();
}
