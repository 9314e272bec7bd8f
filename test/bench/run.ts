/**
 * `npm run bench [-- <scenario>] [--quick]`: each scenario prints BENCH lines (docs: CONVENTIONS.md), every figure
 * beside a baseline measured in the same run. Scenarios live in test/bench/<name>.ts and export `run(quick)`.
 */
import { scenarios } from './scenarios.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a) => !a.startsWith('--'));
const unknown = wanted.filter((w) => !(w in scenarios));
if (unknown.length > 0) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : Object.keys(scenarios)) {
  console.log(`# scenario ${name}${quick ? ' (quick)' : ''}`);
  await scenarios[name as keyof typeof scenarios](quick);
}
process.exit(0);
