/**
 * The ranking report's part of `npm run bench -- pdf` (issue 24): the report of a 1,000-body period (quick: 100),
 * with its time printed beside a minimal one-page react-pdf document with the same TTF font, rendered in the same run.
 * Called by test/bench/pdf.ts.
 *
 * The report's data is generated (a ReportData of the given size, KI Pusat's methodology, seven categories, names of
 * every length up to 120 characters): the database's part of the route is the results read the results bench
 * measures; what this figure is about is laying out and writing the PDF.
 */
import { performance } from 'node:perf_hooks';
import type { ReportData, ReportRow } from '../../src/modules/pdf/documents/report-data.ts';
import { renderPdf } from '../../src/modules/pdf/in-process-renderer.ts';
import { renderPdf as renderMinimal } from './pdf-minimal.tsx';

const CATEGORIES = [
  ['BUMN', 'Badan Usaha Milik Negara'],
  ['KEMENTERIAN', 'Kementerian'],
  ['LNS', 'Lembaga Non Struktural'],
  ['LPNK', 'Lembaga Pemerintah Non Kementerian'],
  ['PARPOL', 'Partai Politik'],
  ['PEMPROV', 'Pemerintah Provinsi'],
  ['PTN', 'Perguruan Tinggi Negeri'],
] as const;

const BANDS = [
  { label: 'Informatif', min: 90, certificate: true },
  { label: 'Menuju Informatif', min: 80, certificate: true },
  { label: 'Cukup Informatif', min: 60, certificate: true },
  { label: 'Kurang Informatif', min: 40, certificate: false },
  { label: 'Tidak Informatif', min: 0, certificate: false },
];

const WORDS = [
  'Badan',
  'Lembaga',
  'Nasional',
  'Koordinasi',
  'Pengelolaan',
  'Pembangunan',
  'Kebudayaan',
  'Pendidikan',
  'Kesehatan',
  'Perhubungan',
  'Lingkungan',
  'Hidup',
  'Kehutanan',
  'Kelautan',
  'Perikanan',
  'Riset',
  'Inovasi',
  'Daerah',
  'Aceh',
  'Sulawesi',
  'Kalimantan',
  'Nusa',
  'Tenggara',
];

/** A seeded generator: the same data every run. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** A report of `bodies` bodies over seven categories, as the service would build it (ranked, banded, with trends). */
export function sampleReportData(bodies: number, options: { published?: boolean; seed?: number } = {}): ReportData {
  const next = random(options.seed ?? 24);
  const published = options.published ?? true;
  const round2 = (v: number) => Math.round(v * 100) / 100;
  const categories = CATEGORIES.map(([code, name], c) => {
    const count = Math.floor(bodies / CATEGORIES.length) + (c < bodies % CATEGORIES.length ? 1 : 0);
    const scored = Array.from({ length: count }, (_, i) => {
      const length = 2 + Math.floor(next() * 12);
      let bodyName = `${name} ${Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ')} ${i + 1}`;
      if (i % 97 === 5) bodyName = bodyName.padEnd(120, ' Informasi').slice(0, 120);
      const saq = round2(next() * 100);
      const passed = saq >= 70;
      const presentation = passed ? round2(60 + next() * 40) : null;
      const final = round2(saq * 0.8 + (presentation ?? 0) * 0.2);
      return { bodyName, components: { saq, presentation }, final };
    });
    scored.sort((a, b) => b.final - a.final || a.bodyName.localeCompare(b.bodyName, 'id'));
    const rows: ReportRow[] = scored.map((s, i) => {
      const tiedWith = scored.findIndex((o) => o.final === s.final);
      const band = BANDS.find((b) => s.final >= b.min) ?? (BANDS.at(-1) as (typeof BANDS)[number]);
      return { rank: tiedWith === -1 ? i + 1 : tiedWith + 1, ...s, band: band.label };
    });
    const bandCounts = BANDS.map((b) => rows.filter((r) => r.band === b.label).length);
    const average = rows.length > 0 ? round2(rows.reduce((a, r) => a + r.final, 0) / rows.length) : null;
    const trend = [2021, 2022, 2023, 2024].map((year) => ({
      year,
      bodies: rows.length,
      averageFinal: round2(45 + next() * 35),
      topBandShare: next() * 0.4,
      example: year < 2023,
      current: false,
    }));
    trend.push({
      year: 2025,
      bodies: rows.length,
      averageFinal: average,
      topBandShare: rows.length > 0 ? (bandCounts[0] ?? 0) / rows.length : null,
      example: false,
      current: true,
    } as (typeof trend)[number]);
    return {
      code,
      name,
      indicators: [
        ['I', 'Pengumuman Informasi Publik', 25],
        ['II', 'Penyediaan Informasi Publik', 25],
        ['III', 'Pelayanan Permohonan Informasi', 20],
        ['IV', 'Digitalisasi', 15],
        ['V', 'Komitmen Organisasi', 10],
        ['VI', 'Sarana dan Prasarana', 5],
      ].map(([code, title, weight]) => ({ code: String(code), title: String(title), weight: Number(weight) })),
      bandCounts,
      trend,
      rows,
    };
  });
  return {
    commissionName: 'Komisi Informasi Pusat Republik Indonesia',
    year: 2025,
    periodTitle: 'Monitoring dan Evaluasi Keterbukaan Informasi Publik 2025',
    published,
    version: published ? 2 : null,
    latestVersion: published ? 2 : null,
    decreeNumber: published ? '12/KEP/KIP/XII/2025' : null,
    decreeDate: published ? '2025-12-15' : null,
    generatedAt: '2026-12-03T10:15:00Z',
    decimals: 2,
    components: [
      { key: 'saq', label: 'SAQ', weight: 80, source: 'questionnaire' },
      { key: 'presentation', label: 'Presentasi', weight: 20, source: 'panel' },
    ],
    gate: { componentLabel: 'SAQ', min: 70, below: 'weighted' },
    bands: BANDS,
    categories,
  };
}

/** The minimal one-page document (pdf-minimal.tsx), in this thread as the report is: the floor of any render. */
async function minimalDocument(): Promise<number> {
  const start = performance.now();
  await renderMinimal({ kind: 'minimal', lang: 'id', data: { text: 'Komisi Informasi Pusat' } });
  return (performance.now() - start) / 1000;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

export async function reportBench(quick: boolean): Promise<void> {
  const bodies = quick ? 100 : 1000;
  const data = sampleReportData(bodies);
  // warm-up, not measured: fonts parsed, JIT
  await minimalDocument();
  await renderPdf({ kind: 'report', lang: 'id', data: sampleReportData(50) });
  const baselines: number[] = [];
  for (let i = 0; i < 5; i++) baselines.push(await minimalDocument());
  const start = performance.now();
  const cpu = process.cpuUsage();
  const bytes = await renderPdf({ kind: 'report', lang: 'id', data });
  const ours = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  for (let i = 0; i < 5; i++) baselines.push(await minimalDocument());
  const baseline = median(baselines);
  // on the shared two-core machines the wall time moves with the other work; the CPU time says what the render cost
  console.log(
    `# report of ${bodies} bodies in ${data.categories.length} categories: ${(bytes.byteLength / 1024).toFixed(0)} kB, ` +
      `CPU ${((used.user + used.system) / 1e6).toFixed(2)}s`,
  );
  console.log(
    `BENCH pdf report-${bodies} ours=${ours.toFixed(2)}s baseline=${baseline.toFixed(3)}s ratio=${(ours / baseline).toFixed(1)}`,
  );
}
