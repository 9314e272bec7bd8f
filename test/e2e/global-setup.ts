import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { spawnServer } from './server.ts';

/**
 * Seeds the demo once for the browser run: a server starts on an empty data directory, seeds it, answers its health
 * check and stops; every test file's server then starts on a copy of that directory (test/e2e/harness.ts
 * startServer), so each file gets the same fresh demo without paying the seeding again.
 */
export default async function setup(project: TestProject) {
  if (!existsSync('dist/web/index.html')) throw new Error('dist/web is missing: run `npm run build` first');
  const dir = await mkdtemp(path.join(tmpdir(), 'informatif-e2e-demo-'));
  const server = await spawnServer(dir, false);
  await server.stop();
  project.provide('e2eDemoTemplate', dir);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
