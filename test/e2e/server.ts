import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import net from 'node:net';

/**
 * The browser tier's server: `tsx src/server.ts` on embedded PGlite with the demo, on a free port, in a data directory
 * given by the caller. No vitest imports: the e2e global setup (test/e2e/global-setup.ts) uses it too, to seed the
 * demo once per run into a template directory that every test file's server starts from (a copy), which spares each
 * file the seeding.
 */

export interface TestServer {
  /** http://localhost:<port>: the PUBLIC_URL, so the Origin of the browser's writes matches it */
  url: string;
  port: number;
  dataDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * A free port between 3100 and 5900. Each vitest worker draws from its own band of that range, so that two files
 * starting at once cannot both find the same port free before either server listens (and one's health check be
 * answered by the other's server).
 */
async function freePort(): Promise<number> {
  const band = Number(process.env.VITEST_POOL_ID ?? 0) % 4;
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 3100 + band * 700 + Math.floor(Math.random() * 700);
    if (await portIsFree(port)) return port;
  }
  throw new Error('no free port between 3100 and 5900');
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Starts the server on `dataDir` and waits until GET /api/health answers 200 (at most 180 s: a loaded machine seeds the demo slowly). `stop` ends it and, with
 * `removeOnStop`, deletes the directory.
 */
export async function spawnServer(dataDir: string, removeOnStop: boolean): Promise<TestServer> {
  // two files starting at once may pick the same free port before either listens: the loser tries another
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOn(await freePort(), dataDir, removeOnStop);
    } catch (error) {
      if (attempt >= 3 || !/EADDRINUSE/.test(String(error))) throw error;
    }
  }
}

async function spawnOn(port: number, dataDir: string, removeOnStop: boolean): Promise<TestServer> {
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env };
  // the embedded database with demo data, whatever the developer's shell says
  delete env.DATABASE_URL;
  delete env.SESSION_SECRET;
  delete env.HOST;
  Object.assign(env, { PORT: String(port), DATA_DIR: dataDir, PUBLIC_URL: url, LOG_LEVEL: 'warn', DEMO: '1' });

  const child = spawn('node_modules/.bin/tsx', ['src/server.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited(child).then(() => true), sleep(10_000).then(() => false)]);
      if (!done) {
        child.kill('SIGKILL');
        await exited(child);
      }
    }
    if (removeOnStop) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      // the directory is kept for another attempt on another port
      if (/EADDRINUSE/.test(log)) throw new Error(`EADDRINUSE: port ${port} was taken:\n${log}`);
      await stop();
      throw new Error(`the server exited with ${child.exitCode} before it was healthy:\n${log}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return { url, port, dataDir, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`the server was not healthy within 180 s:\n${log}`);
}
