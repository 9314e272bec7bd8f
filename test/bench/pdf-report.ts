/**
 * The ranking report's part of `npm run bench -- pdf` (issue 24): the report of a 1,000-body period (quick: 100), its
 * time printed. Placeholder of the skeleton; the report's owner builds it. Called by test/bench/pdf.ts.
 */
export async function reportBench(quick: boolean): Promise<void> {
  console.log(`# report bench not built yet (${quick ? 'quick' : 'full'})`);
}
