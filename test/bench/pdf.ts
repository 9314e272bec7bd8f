/**
 * `npm run bench -- pdf` (issue 24): the PDFs.
 * - `certificate`: 1,000 certificates (quick: 100) rendered one after the other through the server's renderer (the
 *   recycled worker, worker-renderer.ts), milliseconds per certificate, against a minimal one-page react-pdf document
 *   in the same TTF font (pdf-minimal.tsx) through the same renderer; interleaved in batches of 50, each side with a
 *   renderer of its own (worker start-ups and recycles included on both). Target ratio <= 3.
 * - the report of a 1,000-body period (pdf-report.ts, the report's own part).
 * - `zip-rss-100`, `zip-rss-1000`: the peak RSS of the app (pdf-zip-server.ts: a process of its own, render worker
 *   included, PostgreSQL elsewhere) serving the ZIP of a published period with 100 and with 1,000 certificates, read to
 *   the end by this process; each in a fresh process. Targets: under 300 MB, and growth from 100 to 1,000 <= 20 %.
 */
import { type InsertObject, sql } from 'kysely';
import type { Db } from '../../src/db/database.ts';
import { jsonb } from '../../src/db/json.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createPostgresDatabase } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/schema.ts';
import { randomToken } from '../../src/lib/tokens.ts';
import type { CertificateData } from '../../src/modules/pdf/documents/certificate-data.ts';
import type { PdfSpec } from '../../src/modules/pdf/pdf-types.ts';
import { createWorkerPdfRenderer } from '../../src/modules/pdf/worker-renderer.ts';
import { ZipEntryCounter } from '../../web/src/results/download-zip.ts';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';
import { bench, bodyRow, scratchDatabase, seedCommission, signedInUser, startServer } from './lib.ts';
import { reportBench } from './pdf-report.ts';

const CATEGORIES = ['KEMENTERIAN', 'LNS', 'PEMPROV', 'BUMN'];
const MINIMAL = new URL('./pdf-minimal.tsx', import.meta.url).href;
const SECRET = 'bench-secret-bench-secret-bench-secret-01';

export async function pdf(quick: boolean): Promise<void> {
  // BENCH_PDF_PARTS=zip (or certificates,report): some parts only, for investigating
  const parts = process.env.BENCH_PDF_PARTS?.split(',') ?? ['certificates', 'report', 'zip'];
  if (parts.includes('certificates')) await certificates(quick ? 100 : 1000);
  if (parts.includes('report')) await reportBench(quick);
  if (parts.includes('zip')) await zipMemory();
}

const bodyName = (i: number) =>
  `${['Dinas Komunikasi dan Informatika', 'Badan Perencanaan Pembangunan', 'Kementerian', 'PT Persero'][i % 4]} Bench ${String(i).padStart(4, '0')}`;
/** The i-th body's final score: 60 to 99.99, so that every body has a certificate. */
const finalOf = (i: number) => 60 + ((i * 37) % 4000) / 100;

function certificateSpec(i: number): PdfSpec {
  const code = `bench${String(i).padStart(21, '0')}`;
  const data: CertificateData = {
    code,
    verifyUrl: `http://localhost:3000/verify/${code}`,
    commissionName: 'Komisi Informasi Pusat Republik Indonesia',
    bodyName: bodyName(i),
    categoryName: 'Kementerian',
    band: ['Informatif', 'Menuju Informatif', 'Cukup Informatif'][i % 3] as string,
    final: finalOf(i),
    decimals: 2,
    year: 2025,
    decreeNumber: '12/KEP/KIP/XII/2025',
    decreeDate: '2025-12-15',
    version: 1,
    signatory: { name: 'Ketua Komisi Bench', title: 'Ketua Komisi Informasi Pusat' },
    revoked: false,
  };
  return { kind: 'certificate', lang: 'id', data };
}

async function certificates(count: number): Promise<void> {
  const ours = createWorkerPdfRenderer();
  const base = createWorkerPdfRenderer({ renderer: MINIMAL });
  const time = { ours: 0, base: 0 };
  const batch = 50;
  let bytes = 0;
  try {
    for (let start = 0; start < count; start += batch) {
      const n = Math.min(batch, count - start);
      // alternate which side goes first, so that drift of the shared machine falls on both alike
      const order = (start / batch) % 2 === 0 ? (['ours', 'base'] as const) : (['base', 'ours'] as const);
      for (const side of order) {
        const t = performance.now();
        for (let i = start; i < start + n; i++) {
          if (side === 'ours') bytes += (await ours.render(certificateSpec(i))).byteLength;
          else await base.render({ kind: 'minimal', lang: 'id', data: { text: bodyName(i) } });
        }
        time[side] += performance.now() - t;
      }
    }
    bench('pdf', 'certificate', time.ours / count, time.base / count, 'ms', '<=3');
    const o = ours.stats();
    const b = base.stats();
    console.log(
      `# certificates: ${count} in ${(time.ours / 1000).toFixed(1)} s (${(time.ours / 1000 / count).toFixed(4)} s each, ` +
        `${Math.round(bytes / count / 1024)} KB each), ${o.workersStarted} workers; minimal page: ` +
        `${(time.base / 1000).toFixed(1)} s, ${b.workersStarted} workers; failed ${o.failed + b.failed}`,
    );
  } finally {
    await ours.close();
    await base.close();
  }
}

/** A published period with `count` certificates in force, in a commission of its own; its admin's session cookie. */
async function seedPeriod(db: Db, count: number, year: number) {
  const commission = await seedCommission(db, `BENCH${count}`, `Komisi Informasi Bench ${count}`, CATEGORIES);
  const bodies = await db
    .insertInto('bodies')
    .values(
      Array.from({ length: count }, (_, i) =>
        bodyRow(commission.id, (commission.categories[i % CATEGORIES.length] as { id: string }).id, bodyName(i)),
      ),
    )
    .returning(['id', 'name'])
    .execute();
  const period = await db
    .insertInto('periods')
    .values({
      commissionId: commission.id,
      year,
      title: `Monev Bench ${year}`,
      stage: 'published',
      methodology: jsonb(KIP_METHODOLOGY),
      schedule: jsonb({}),
      settings: jsonb({ signatory: { name: 'Ketua Komisi Bench', title: 'Ketua' } }),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const version = await db
    .insertInto('resultVersions')
    .values({
      commissionId: commission.id,
      periodId: period.id,
      version: 1,
      decreeNumber: `1/KEP/BENCH/${year}`,
      decreeDate: `${year}-12-01`,
      methodology: jsonb(KIP_METHODOLOGY),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const rows: InsertObject<Database, 'resultRows'>[] = [];
  const certificates: InsertObject<Database, 'certificates'>[] = [];
  bodies.forEach((b, i) => {
    const final = finalOf(i).toFixed(2);
    const band = Number(final) >= 90 ? 'Informatif' : Number(final) >= 80 ? 'Menuju Informatif' : 'Cukup Informatif';
    rows.push({
      versionId: version.id,
      periodId: period.id,
      bodyId: b.id,
      bodyName: b.name,
      categoryCode: CATEGORIES[i % CATEGORIES.length] as string,
      submissionId: null,
      components: jsonb({}),
      final,
      band,
      bandIndex: 0,
      rank: 1 + Math.floor(i / CATEGORIES.length),
      position: i,
    });
    certificates.push({
      code: `${randomToken(12)
        .toLowerCase()
        .replace(/[^a-z0-9]/g, 'x')}${i}`,
      commissionId: commission.id,
      periodId: period.id,
      versionId: version.id,
      bodyId: b.id,
      bodyName: b.name,
      band,
      final,
    });
  });
  for (let start = 0; start < rows.length; start += 250) {
    await db
      .insertInto('resultRows')
      .values(rows.slice(start, start + 250))
      .execute();
    await db
      .insertInto('certificates')
      .values(certificates.slice(start, start + 250))
      .execute();
  }
  const admin = await signedInUser(db, SECRET, {
    email: `admin${count}@bench.example`,
    name: 'Admin Bench',
    role: 'commission_admin',
    commissionId: commission.id,
  });
  return { periodId: period.id, cookie: admin.cookie };
}

async function zipMemory(): Promise<void> {
  const scratch = await scratchDatabase('pdf');
  const database = createPostgresDatabase({ url: scratch.url, max: 4 });
  try {
    await migrateToLatest(database.db);
    const small = await seedPeriod(database.db, 100, 2024);
    const large = await seedPeriod(database.db, 1000, 2025);
    await sql`analyze`.execute(database.db);
    const peak: Record<number, number> = {};
    for (const [count, period] of [
      [100, small],
      [1000, large],
    ] as const) {
      const result = await serveZip(scratch.url, period.periodId, period.cookie, count);
      peak[count] = result.maxRssMb;
      console.log(
        `# zip of ${count}: ${result.entries} PDFs, ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${result.seconds.toFixed(1)} s; ` +
          `peak RSS ${result.maxRssMb.toFixed(0)} MB (before the download ${result.startRssMb.toFixed(0)} MB; main ` +
          `thread's heap at the end ${result.mainHeapMb.toFixed(0)} MB), ${result.workers} render workers`,
      );
      console.log(`BENCH pdf zip-rss-${count} ours=${result.maxRssMb.toFixed(0)}MB target=300`);
    }
    const small100 = peak[100] as number;
    const large1000 = peak[1000] as number;
    console.log(
      `BENCH pdf zip-rss-growth ours=${(((large1000 - small100) / small100) * 100).toFixed(1)}% baseline=${small100.toFixed(0)}MB target=20`,
    );
  } finally {
    await database.close();
    await scratch.drop();
  }
}

/** One fresh app process serving one ZIP, read to the end here; its peak RSS (MB) read from it afterwards. */
async function serveZip(url: string, periodId: string, cookie: string, expected: number) {
  const server = await startServer('test/bench/pdf-zip-server.ts', [], { DATABASE_URL: url, BENCH_SECRET: SECRET });
  try {
    const rss = async () =>
      (await (await fetch(`http://127.0.0.1:${server.port}/bench/rss`)).json()) as {
        maxRssKb: number;
        memory: NodeJS.MemoryUsage;
        rendered: { workersStarted: number; failed: number };
      };
    const start = await rss();
    const t = performance.now();
    const response = await fetch(`http://127.0.0.1:${server.port}/api/periods/${periodId}/certificates.zip`, {
      headers: { cookie, origin: 'http://localhost:3000' },
    });
    if (response.status !== 200) throw new Error(`ZIP: ${response.status} ${await response.text()}`);
    const count = Number(response.headers.get('x-certificate-count'));
    if (count !== expected) throw new Error(`X-Certificate-Count ${count}, expected ${expected}`);
    // the PDFs counted as the web client counts them for its progress
    const counter = new ZipEntryCounter();
    let bytes = 0;
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      bytes += read.value.length;
      counter.push(read.value);
    }
    const seconds = (performance.now() - t) / 1000;
    const entries = counter.count;
    if (entries !== expected) throw new Error(`${entries} PDFs in the ZIP, expected ${expected}`);
    const end = await rss();
    if (end.rendered.failed > 0) throw new Error(`${end.rendered.failed} renders failed`);
    return {
      entries,
      bytes,
      seconds,
      startRssMb: start.maxRssKb / 1024,
      maxRssMb: end.maxRssKb / 1024,
      workers: end.rendered.workersStarted,
      // the main thread's heap at the end, to tell its share of the peak from the render workers'
      mainHeapMb: end.memory.heapTotal / 1024 / 1024,
    };
  } finally {
    await server.stop();
  }
}
