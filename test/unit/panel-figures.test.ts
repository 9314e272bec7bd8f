import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Methodology } from '../../src/domain/methodology.ts';
import { calibration, divergentGroups } from '../../src/domain/panel-figures.ts';
import { Rational, sum } from '../../src/domain/rational.ts';
import { passesGate } from '../../src/modules/panel/panel-gate.ts';
import { KIP_METHODOLOGY } from '../helpers/saq.ts';

/** The panel's pure figures: the gate's comparison, divergence and calibration (exact, by hand and by property). */
describe('the gate', () => {
  it('compares the SAQ rounded at the decimals, equal passing; a period without a gate lets every submitted body on', () => {
    const m = { ...KIP_METHODOLOGY, gate: { component: 'saq', min: 66.67, below: 'weighted' } } as Methodology;
    // 200/3 = 66.666... rounds half-up to 66.67, equal to the minimum: passes
    expect(passesGate(m, new Rational(200n, 3n))).toBe(true);
    expect(passesGate(m, Rational.of('66.664'))).toBe(false);
    expect(passesGate({ ...m, gate: { ...m.gate!, min: 66.68 } }, new Rational(200n, 3n))).toBe(false);
    const { gate: _gate, ...withoutGate } = m;
    expect(passesGate(withoutGate as Methodology, Rational.ZERO)).toBe(true);
  });
});

describe('divergence and calibration', () => {
  it('the figures, pure: strict threshold, a juror without scores', () => {
    const s = (submissionId: string, jurorId: string, v: string) => ({
      submissionId,
      jurorId,
      jurorName: jurorId,
      component: 'p',
      score: Rational.of(v),
    });
    const scores = [s('a', 'x', '60'), s('a', 'y', '75'), s('b', 'x', '50')];
    expect(divergentGroups(scores, Rational.of(15))).toEqual([]);
    expect(divergentGroups(scores, Rational.of('14.99')).map((g) => [g.submissionId, g.spread.toString()])).toEqual([
      ['a', '15'],
    ]);
    const [x, y, z] = calibration(scores, ['x', 'y', 'z']);
    // x: (60 + 50) / 2 = 55 against (67.5 + 50) / 2 = 58.75
    expect([x?.mean?.toString(), x?.panelMean?.toString(), x?.difference?.toString()]).toEqual([
      '55',
      '235/4',
      '-15/4',
    ]);
    expect(y?.difference?.toString()).toBe('15/2');
    expect(z).toEqual({ jurorId: 'z', count: 0, mean: null, panelMean: null, difference: null });
  });

  it('when every juror scores every body, the jurors’ differences from the panel sum to zero', () => {
    const score = fc.integer({ min: 0, max: 10_000 }).map((n) => new Rational(BigInt(n), 100n));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(score, { minLength: 30, maxLength: 30 }),
        (jurors, bodies, values) => {
          const scores = [];
          for (let b = 0; b < bodies; b++)
            for (let j = 0; j < jurors; j++)
              scores.push({
                submissionId: `s${b}`,
                jurorId: `j${j}`,
                jurorName: `j${j}`,
                component: 'p',
                score: values[(b * jurors + j) % values.length] as Rational,
              });
          const rows = calibration(
            scores,
            Array.from({ length: jurors }, (_, j) => `j${j}`),
          );
          expect(rows.every((r) => r.count === bodies)).toBe(true);
          expect(sum(rows.map((r) => r.difference as Rational)).isZero()).toBe(true);
          // with a threshold of 0, a group is divergent only when its jurors disagree at all
          for (const g of divergentGroups(scores, Rational.ZERO)) expect(g.spread.cmp(Rational.ZERO)).toBe(1);
        },
      ),
    );
  });
});
