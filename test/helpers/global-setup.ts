import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPgliteDatabase } from '../../src/db/pglite.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import { testDatabaseUrl } from '../../src/env.ts';
import { checkIntegrity, formatIntegrityReport } from '../../src/modules/system/integrity.service.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    databaseUrl: string;
  }
}

/**
 * Migrates once per run. On PostgreSQL (TEST_DATABASE_URL) every test file shares that database, isolated by tenant;
 * on PGlite, a migrated data directory is dumped once and every test file starts its own in-memory copy from it.
 */
export default async function setup(project: TestProject) {
  const url = testDatabaseUrl();
  if (url) {
    const database = createPostgresDatabase({ url, max: 1 });
    await migrateToLatest(database.db);
    await database.close();
    project.provide('databaseUrl', url);
    project.provide('pgliteTemplate', '');
    // the teardown: once every file is done, the integrity check (npm run db:check) on the database they all shared;
    // a finding fails the run (on PGlite, each file's test context checks its own database as it closes)
    return async () => {
      const checked = createPostgresDatabase({ url, max: 1 });
      try {
        const report = await checkIntegrity(checked.db);
        console.log(formatIntegrityReport(report));
        // vitest reports an error thrown by a teardown but still exits 0: the exit code says it
        if (report.findings.length > 0) {
          process.exitCode = 1;
          console.error('The integrity check found broken rows in the test database: the run fails.');
        }
      } finally {
        await checked.close();
      }
    };
  }
  const database = await createPgliteDatabase();
  await migrateToLatest(database.db);
  const dump = await database.pglite.dumpDataDir('none');
  await database.close();
  const dir = await mkdtemp(path.join(tmpdir(), 'informatif-test-'));
  const file = path.join(dir, 'template.tar');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);
  project.provide('databaseUrl', '');
}
