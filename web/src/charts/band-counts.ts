/** How many bodies fall in each band now and under a proposal; plain data, so the chart and its table agree. */
export interface BandCount {
  band: string;
  current: number;
  proposed: number;
}

/**
 * Counts per band, in the proposal's band order (best first), then any band only the current methodology has.
 * Bands are matched by their label: a renamed band is two bars, which is what the reader should see.
 */
export function bandCounts(
  currentBands: readonly { label: string }[],
  proposedBands: readonly { label: string }[],
  rows: readonly { current: { band: string }; proposed: { band: string } }[],
): BandCount[] {
  const order = [...new Set([...proposedBands.map((b) => b.label), ...currentBands.map((b) => b.label)])];
  for (const row of rows) {
    for (const band of [row.current.band, row.proposed.band]) if (!order.includes(band)) order.push(band);
  }
  return order.map((band) => ({
    band,
    current: rows.filter((r) => r.current.band === band).length,
    proposed: rows.filter((r) => r.proposed.band === band).length,
  }));
}
