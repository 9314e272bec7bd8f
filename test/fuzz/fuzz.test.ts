import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-app.ts';
import { checksums, DEFAULT_CASES, DEFAULT_SEED, formatResult, ownDatabase, runFuzz } from './engine.ts';

// `npm run fuzz -- --seed N --cases M` sets these; `npm test` runs the fixed seed, so every CI run sends the same cases
const seed = Number(process.env.FUZZ_SEED || DEFAULT_SEED);
const cases = Number(process.env.FUZZ_CASES || DEFAULT_CASES);

it(`answers every documented operation by its contract (seed ${seed}, ${cases} cases)`, {
  timeout: 30 * 60_000,
}, async () => {
  console.log(`FUZZ seed=${seed} cases=${cases}`);
  const result = await runFuzz({ seed, cases, log: (line) => console.log(line) });
  console.log(formatResult(result));
  expect(result.cases).toBe(cases);
  expect(result.operations).toBeGreaterThanOrEqual(20);
  // the summary above lists each failure with the request that reproduces it
  expect(result.failures.length, 'fuzz failures (see the FAIL lines above)').toBe(0);
});

describe('the table checksums the fuzz suite compares', () => {
  let ctx: TestContext;
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  // a database of its own, as the fuzz run has: on a shared PostgreSQL another file's writes would move the sums
  beforeAll(async () => {
    own = await ownDatabase();
    ctx = await createTestContext({}, { database: own.database });
  });
  afterAll(async () => {
    await ctx?.close();
    await own?.drop();
  });

  it('see a changed row in any table, and leave out only the throttling counters', async () => {
    const commission = await ctx.factory.commission(['KEMENTERIAN']);
    const before = await checksums(ctx);
    expect(before.has('commissions')).toBe(true);
    expect(before.has('auth_failures')).toBe(false);
    await ctx.db.updateTable('commissions').set({ name: 'Renamed' }).where('id', '=', commission.id).execute();
    const after = await checksums(ctx);
    expect([...after].filter(([table, sum]) => before.get(table) !== sum).map(([table]) => table)).toEqual([
      'commissions',
    ]);
  });
});
