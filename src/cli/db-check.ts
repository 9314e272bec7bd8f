import { openDatabase } from '../bootstrap.ts';
import { loadEnv } from '../env.ts';
import { checkIntegrity, formatIntegrityReport } from '../modules/system/integrity.service.ts';

/**
 * `npm run db:check`: the integrity check of the references kept without foreign keys, on the configured database
 * (DATABASE_URL, else PGlite in DATA_DIR, as the app). Prints each finding; exits 1 on any, 0 with a summary line.
 */
const env = loadEnv();
const database = await openDatabase(env);
let code = 1;
try {
  const report = await checkIntegrity(database.db);
  console.log(formatIntegrityReport(report));
  code = report.findings.length === 0 ? 0 : 1;
} finally {
  await database.close();
}
process.exitCode = code;
