/** `npm run fuzz -- --seed N --cases M`: the same engine and test as `npm test` (in its api project), with more cases. */
import { spawnSync } from 'node:child_process';
import { DEFAULT_CASES, DEFAULT_SEED } from './engine.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} takes a positive whole number`);
  return value;
};
const seed = option('seed', DEFAULT_SEED);
const cases = option('cases', DEFAULT_CASES);
const result = spawnSync('npx', ['vitest', 'run', '--project', 'api', 'test/fuzz/'], {
  stdio: 'inherit',
  env: { ...process.env, FUZZ_SEED: String(seed), FUZZ_CASES: String(cases) },
});
process.exit(result.status ?? 1);
