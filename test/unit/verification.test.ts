import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnswerValue } from '../../src/domain/scoring.ts';
import { MIN_VERIFICATION_REASON, reasonMissing, sameAnswer } from '../../src/domain/verification.ts';

describe('sameAnswer', () => {
  it('compares values deeply, a checklist as the set of its ticked items, unanswered as null', () => {
    expect(sameAnswer(true, true)).toBe(true);
    expect(sameAnswer(true, false)).toBe(false);
    expect(sameAnswer('A', 'A')).toBe(true);
    expect(sameAnswer('A', 'B')).toBe(false);
    expect(sameAnswer(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameAnswer(['a', 'b'], ['a'])).toBe(false);
    expect(sameAnswer(['a', 'b'], ['a', 'c'])).toBe(false);
    expect(sameAnswer([], [])).toBe(true);
    // no answer is null, whichever way it came
    expect(sameAnswer(undefined, null)).toBe(true);
    expect(sameAnswer(null, false)).toBe(false);
    expect(sameAnswer(null, [])).toBe(false);
    expect(sameAnswer('true', true)).toBe(false);
  });

  it('is symmetric, and a checklist equals any reordering of itself', () => {
    const value = fc.oneof(
      fc.boolean(),
      fc.constantFrom('A', 'B', 'C'),
      fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
      fc.constant(null),
    ) as fc.Arbitrary<AnswerValue>;
    fc.assert(fc.property(value, value, (a, b) => sameAnswer(a, b) === sameAnswer(b, a)));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd')), (items) =>
        sameAnswer(items, [...items].reverse()),
      ),
    );
  });
});

describe('reasonMissing', () => {
  it('asks a reason only when the value differs from the answer, of at least the minimum length once trimmed', () => {
    expect(reasonMissing(true, true, undefined)).toBe(false);
    expect(reasonMissing(['a', 'b'], ['b', 'a'], null)).toBe(false);
    expect(reasonMissing(true, false, undefined)).toBe(true);
    expect(reasonMissing(null, true, '   ab   ')).toBe(true);
    expect(reasonMissing(null, true, 'x'.repeat(MIN_VERIFICATION_REASON))).toBe(false);
  });
});
