import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // two workers (each API file runs its own PGlite) keep both cores busy without starving the event loops
    maxWorkers: 2,
    projects: [
      // property tests run hundreds of cases each: past the default 5 s when the machine is busy
      // unit and API files share their worker's modules (isolate: false): each file builds its own app and database,
      // and importing the app once per worker instead of once per file takes about 40 % off the suites' time
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000, isolate: false } },
      {
        test: {
          name: 'api',
          // test/fuzz: the schema-driven fuzz suite (test/fuzz/README.md) runs with the API suites, on their database
          include: ['test/api/**/*.test.ts', 'test/fuzz/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // the demo is seeded once per run; each file's server starts on a copy of it
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 200_000, // a server start may wait up to 180 s on a loaded machine (test/e2e/server.ts)
          // two files at once (the root's maxWorkers): much of a browser test is waiting (debounces, settling, the
          // server's answers), which the other file fills; each file has its own server, data and browser
          fileParallelism: true,
        },
      },
    ],
  },
});
