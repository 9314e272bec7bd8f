import { readFileSync } from 'node:fs';
import type { Db } from '../../db/database.ts';
import type { AppDeps } from '../../http/context.ts';
import { parseCsv } from '../../lib/csv.ts';
import { nameKey } from '../../lib/text.ts';
import { findPeriodOfYear } from '../results/history.repository.ts';
import { DEFAULT_HISTORY_BANDS, importHistoryCsv } from '../results/history.service.ts';
import { periodResults } from '../results/results.service.ts';
import type { CycleActors, DemoBody } from './demo-cycle.service.ts';

/** The published finals of KI Pusat's earlier decrees (issue 23), as `year,bodyName,categoryCode,final`. */
const FIXTURE = new URL('../../../fixtures/history/kip-published-results.csv', import.meta.url);

/** The demo's earlier years, imported as decrees; the demo's own 2025 period anchors the generated figures. */
export const DEMO_HISTORY_YEARS: readonly number[] = [2021, 2022, 2023, 2024];
const ANCHOR_YEAR = 2025;

/** mulberry32: a small seeded PRNG (the same figures on every start; never used for anything secret). */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const round2 = (x: number) => Math.round(clamp(x, 0, 100) * 100) / 100;
const quoted = (text: string) => `"${text.replace(/"/g, '""')}"`;

/** The fixture's finals by year and folded body name. */
export function readHistoryFixture(text = readFileSync(FIXTURE, 'utf8')): Map<number, Map<string, string>> {
  const records = parseCsv(text);
  const header = records.shift()?.fields ?? [];
  const at = (name: string) => header.indexOf(name);
  const byYear = new Map<number, Map<string, string>>();
  for (const { fields } of records) {
    const year = Number(fields[at('year')]);
    const map = byYear.get(year) ?? new Map<string, string>();
    map.set(nameKey(fields[at('bodyName')] ?? ''), fields[at('final')] ?? '');
    byYear.set(year, map);
  }
  return byYear;
}

/**
 * The demo's earlier years, 2021-2024 for KI Pusat, through the history import (the route's own function, in the
 * seeding transaction): the fixture's figures where it has them (2022's political parties; its 2025 rows are not
 * imported: 2025 is the demo's own computed period), generated figures elsewhere, marked as examples (rows and,
 * where a year has no real figure, its version). Generated figures are deterministic: each body's level walks back
 * from its 2025 result (a body that never submitted starts from a drawn level) by a drift of a few points a year,
 * mostly upwards over time, and towards a real figure of an earlier year where there is one.
 *
 * Bodies are matched to the fixture by name; when none of the demo's names is in the fixture (the tests tag every
 * demo name with a last word of their own), by the name without its last word.
 */
export async function seedDemoHistory(db: Db, actors: CycleActors, bodies: DemoBody[]): Promise<void> {
  const fixture = readHistoryFixture();
  const real = new Map(DEMO_HISTORY_YEARS.map((y) => [y, fixture.get(y) ?? new Map<string, string>()]));
  const fixtureKeys = new Set([...fixture.values()].flatMap((m) => [...m.keys()]));
  const tagged = !bodies.some((b) => fixtureKeys.has(nameKey(b.name)));
  const keyOf = (name: string) => nameKey(tagged ? name.replace(/\s+\S+$/, '') : name);

  // the anchor: the demo's 2025 results (a preview: the period stands at the results stage)
  const anchorPeriod = await findPeriodOfYear(db, actors.commissionId, ANCHOR_YEAR);
  // periodResults reads through deps.db only: the seeding transaction is the database here
  const anchor = anchorPeriod
    ? await periodResults({ db } as AppDeps, anchorPeriod, { previewIfUnpublished: true })
    : undefined;
  const finalOf = new Map((anchor?.rows ?? []).map((r) => [r.bodyId, r.final]));

  const random = prng(20210101);
  const lines: string[] = ['year,bodyName,categoryCode,final'];
  const example = new Set<string>();
  for (const body of bodies) {
    const key = keyOf(body.name);
    const anchored = finalOf.get(body.id);
    // a level for 2025: its result, or (never submitted, or no anchor) a level drawn across the bands
    let next = anchored !== undefined && anchored > 0 ? anchored : 25 + random() * 70;
    for (let y = DEMO_HISTORY_YEARS.length - 1; y >= 0; y--) {
      const year = DEMO_HISTORY_YEARS[y] as number;
      const figure = real.get(year)?.get(key);
      let level: number;
      if (figure !== undefined) level = Number(figure);
      else {
        // towards an earlier real figure (linearly), else back by a drift of -3..+6 points (improving over time)
        const earlier = DEMO_HISTORY_YEARS.slice(0, y)
          .map((e) => ({ e, f: real.get(e)?.get(key) }))
          .filter((x): x is { e: number; f: string } => x.f !== undefined)
          .at(-1);
        const noise = (random() - 0.5) * 3;
        level = earlier
          ? next + (Number(earlier.f) - next) / (year + 1 - earlier.e) + noise
          : next - (-3 + random() * 9) + noise;
        level = round2(level);
        example.add(`${year}\u0000${nameKey(body.name)}`);
      }
      lines.push(`${year},${quoted(body.name)},${body.categoryCode},${level.toFixed(2)}`);
      next = level;
    }
  }
  await importHistoryCsv(db, { commissionId: actors.commissionId, actorId: actors.adminId }, lines.join('\n'), {
    bands: DEFAULT_HISTORY_BANDS,
    example: (line) => example.has(`${line.year}\u0000${nameKey(line.bodyName)}`),
  });
}
