import { describe, expect, it } from 'vitest';
import { bandCounts } from '../../web/src/charts/band-counts.ts';

const row = (current: string, proposed: string) => ({ current: { band: current }, proposed: { band: proposed } });

describe('bandCounts (the what-if chart and its table)', () => {
  it('counts bodies per band now and proposed, in the proposal’s order', () => {
    const bands = [{ label: 'Informatif' }, { label: 'Menuju Informatif' }, { label: 'Tidak Informatif' }];
    const rows = [
      row('Informatif', 'Informatif'),
      row('Menuju Informatif', 'Informatif'),
      row('Tidak Informatif', 'Menuju Informatif'),
    ];
    expect(bandCounts(bands, bands, rows)).toEqual([
      { band: 'Informatif', current: 1, proposed: 2 },
      { band: 'Menuju Informatif', current: 1, proposed: 1 },
      { band: 'Tidak Informatif', current: 1, proposed: 0 },
    ]);
  });

  it('keeps a band only one side has, and a band no methodology names', () => {
    const current = [{ label: 'A' }, { label: 'C' }];
    const proposed = [{ label: 'A' }, { label: 'B' }];
    expect(bandCounts(current, proposed, [row('C', 'B'), row('A', 'A'), row('?', 'A')])).toEqual([
      { band: 'A', current: 1, proposed: 2 },
      { band: 'B', current: 0, proposed: 1 },
      { band: 'C', current: 1, proposed: 0 },
      { band: '?', current: 1, proposed: 0 },
    ]);
  });
});
