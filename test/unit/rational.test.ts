import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonical, Rational } from '../../src/domain/rational.ts';

describe('Rational', () => {
  it('reads decimals exactly', () => {
    expect(Rational.of(0.1).add(Rational.of(0.2)).eq(Rational.of('0.3'))).toBe(true);
    expect(Rational.of('1e2').toString()).toBe('100');
    expect(Rational.of('-2.50').toString()).toBe('-5/2');
    expect(() => Rational.of('abc')).toThrow();
    expect(() => Rational.of(Number.NaN)).toThrow();
  });

  it('rounds half-up at the given decimals', () => {
    expect(Rational.of('45.335').toFixed(2)).toBe('45.34');
    expect(Rational.of('45.3349999').toFixed(2)).toBe('45.33');
    expect(new Rational(2n, 3n).toFixed(0)).toBe('1');
    expect(new Rational(1n, 3n).toFixed(4)).toBe('0.3333');
    expect(Rational.of('0.005').toFixed(2)).toBe('0.01');
    expect(Rational.ZERO.toFixed(2)).toBe('0.00');
    expect(Rational.of('-0.5').toFixed(0)).toBe('-1');
  });

  it('agrees with scaled-integer arithmetic on random decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (a, b) => {
        const x = new Rational(BigInt(a), 1000n);
        const y = new Rational(BigInt(b), 1000n);
        expect(x.add(y).eq(new Rational(BigInt(a + b), 1000n))).toBe(true);
        expect(x.cmp(y)).toBe(Math.sign(a - b));
        // rounding at 2 decimals of a value with 3 decimals: half-up on the third digit
        const expected = Math.floor((a + 5) / 10);
        expect(x.toFixed(2)).toBe(`${Math.floor(expected / 100)}.${String(expected % 100).padStart(2, '0')}`);
      }),
    );
  });

  it('refuses division by zero', () => {
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(RangeError);
  });
});

describe('Rational.toDecimal', () => {
  it('gives the exact decimal of a terminating fraction and refuses 1/3', () => {
    expect(new Rational(5n, 2n).toDecimal()).toBe('2.5');
    expect(new Rational(3n, 40n).toDecimal()).toBe('0.075');
    expect(Rational.of(7).toDecimal()).toBe('7');
    expect(() => new Rational(1n, 3n).toDecimal()).toThrow(RangeError);
  });
});

describe('canonical', () => {
  it('gives one shared instance per value, whatever way the value was reached', () => {
    const half = canonical(new Rational(1n, 2n));
    expect(canonical(Rational.of('0.5'))).toBe(half);
    expect(canonical(new Rational(3n, 6n))).toBe(half);
    expect(canonical(new Rational(-1n, -2n))).toBe(half);
    expect(canonical(new Rational(1n, 3n))).not.toBe(half);
    expect(canonical(new Rational(-1n, 2n))).not.toBe(half);
    expect(canonical(new Rational(5n))).toBe(canonical(Rational.of(5)));
    expect(canonical(new Rational(5n)).eq(new Rational(10n, 2n))).toBe(true);
  });
});
