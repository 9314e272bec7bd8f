/**
 * Exact rational numbers over BigInt. Every intermediate score (fractions, indicator scores, SAQ, components, final)
 * is a Rational; only a value that is shown or published is rounded, half-up, at the methodology's decimals.
 */
export class Rational {
  readonly n: bigint;
  readonly d: bigint;

  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n < 0n ? -n : n, d);
    this.n = g > 1n ? n / g : n;
    this.d = g > 1n ? d / g : d;
  }

  static readonly ZERO = new Rational(0n);
  static readonly ONE = new Rational(1n);
  static readonly HUNDRED = new Rational(100n);

  /** From a decimal as typed in configuration: 0.1 is exactly 1/10 (read from its shortest decimal form). */
  static of(value: number | string | bigint | Rational): Rational {
    if (value instanceof Rational) return value;
    if (typeof value === 'bigint') return new Rational(value);
    const text = typeof value === 'number' ? numberToDecimal(value) : value.trim();
    const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
    const sign = m[1] === '-' ? -1n : 1n;
    const frac = m[3] ?? '';
    const exp = Number(m[4] ?? 0) - frac.length;
    const digits = BigInt(`${m[2] || '0'}${frac}`) * sign;
    return exp >= 0 ? new Rational(digits * 10n ** BigInt(exp)) : new Rational(digits, 10n ** BigInt(-exp));
  }

  add(o: Rational): Rational {
    return new Rational(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rational): Rational {
    return new Rational(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rational): Rational {
    return new Rational(this.n * o.n, this.d * o.d);
  }
  div(o: Rational): Rational {
    return new Rational(this.n * o.d, this.d * o.n);
  }
  cmp(o: Rational): -1 | 0 | 1 {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  lt(o: Rational) {
    return this.cmp(o) < 0;
  }
  eq(o: Rational) {
    return this.cmp(o) === 0;
  }
  isZero() {
    return this.n === 0n;
  }

  /** Rounds half away from zero (half-up for the non-negative scores) at `decimals` places: "45.33". */
  toFixed(decimals: number): string {
    const scale = 10n ** BigInt(decimals);
    const negative = this.n < 0n;
    const abs = negative ? -this.n : this.n;
    const scaled = abs * scale;
    let q = scaled / this.d;
    if ((scaled % this.d) * 2n >= this.d) q += 1n;
    const digits = q.toString().padStart(decimals + 1, '0');
    const int = digits.slice(0, digits.length - decimals) || '0';
    const frac = decimals > 0 ? `.${digits.slice(digits.length - decimals)}` : '';
    return `${negative && q !== 0n ? '-' : ''}${int}${frac}`;
  }

  /** The rounded value as a Rational (what a band or a rank compares). */
  round(decimals: number): Rational {
    return Rational.of(this.toFixed(decimals));
  }

  /** The exact decimal text (for a numeric column); throws for a fraction with no finite decimal expansion. */
  toDecimal(): string {
    let d = this.d;
    let twos = 0;
    let fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    if (d !== 1n) throw new RangeError(`${this.toString()} has no finite decimal expansion`);
    return this.toFixed(Math.max(twos, fives));
  }

  /** A float for charts and logs only: never for anything a body or a decree shows. */
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }

  toString(): string {
    return this.d === 1n ? this.n.toString() : `${this.n}/${this.d}`;
  }
}

// one shared instance per value (Rationals never change), bounded so that no stream of values can grow it
const canonicalTable = new Map<string, Rational>();
const CANONICAL_SIZE = 50_000;

/**
 * The shared instance of this value, for figures kept long: a submission's points and earned sums stay in memory
 * between autosaves, and a fresh instance kept for a second outlives the young generation and must be promoted and
 * later swept, while the values themselves repeat (an indicator's earned sums are few).
 */
export function canonical(value: Rational): Rational {
  const key = value.d === 1n ? value.n.toString() : `${value.n}/${value.d}`;
  const found = canonicalTable.get(key);
  if (found) return found;
  if (canonicalTable.size < CANONICAL_SIZE) canonicalTable.set(key, value);
  return value;
}

export function sum(values: Iterable<Rational>): Rational {
  let total = Rational.ZERO;
  for (const v of values) total = total.add(v);
  return total;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

function numberToDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return String(value);
}
