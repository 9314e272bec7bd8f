import postgres from 'postgres';

export const ADMIN_URL = process.env.BENCH_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A fresh database on the local PostgreSQL for one scenario, dropped by the returned function. */
export async function scratchDatabase(name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const db = `informatif_bench_${name.replace(/\W/g, '_')}_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${db} with (force)`);
  await admin.unsafe(`create database ${db}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${db}`);
  return {
    url,
    drop: async () => {
      const a = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${db} with (force)`);
      await a.end();
    },
  };
}

/** Closed loop: `clients` callers each issue the next request when the previous returns, for `seconds`. */
export async function closedLoop(clients: number, seconds: number, call: () => Promise<void>) {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        try {
          await call();
          latencies.push(performance.now() - t);
        } catch {
          failures++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;
  return { rate: latencies.length / seconds, p50: pct(0.5), p99: pct(0.99), failures };
}

export function bench(
  scenario: string,
  figure: string,
  ours: number,
  baseline: number,
  unit: string,
  target?: string,
): void {
  const ratio = baseline === 0 ? 0 : ours / baseline;
  console.log(
    `BENCH ${scenario} ${figure} ours=${ours.toFixed(1)}${unit} baseline=${baseline.toFixed(1)}${unit} ratio=${ratio.toFixed(2)}${target ? ` target=${target}` : ''}`,
  );
}
