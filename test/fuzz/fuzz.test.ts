import { expect, it } from 'vitest';
import { DEFAULT_CASES, DEFAULT_SEED, formatResult, runFuzz } from './engine.ts';

// `npm run fuzz -- --seed N --cases M` sets these; `npm test` runs the fixed seed, so every CI run sends the same cases
const seed = Number(process.env.FUZZ_SEED ?? DEFAULT_SEED);
const cases = Number(process.env.FUZZ_CASES ?? DEFAULT_CASES);

it(`answers every documented operation by its contract (seed ${seed}, ${cases} cases)`, {
  timeout: 30 * 60_000,
}, async () => {
  console.log(`FUZZ seed=${seed} cases=${cases}`);
  const result = await runFuzz({ seed, cases, log: (line) => console.log(line) });
  const summary = formatResult(result);
  console.log(summary);
  expect(result.cases).toBeGreaterThanOrEqual(Math.min(cases, DEFAULT_CASES));
  // the summary above lists each failure with the request that reproduces it
  expect(result.failures.length, 'fuzz failures (see the FAIL lines above)').toBe(0);
});
