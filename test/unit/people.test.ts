import { describe, expect, it } from 'vitest';
import { conflictOf } from '../../src/domain/people.ts';

describe('conflictOf (operator and evaluator of one commission)', () => {
  const operator = { role: 'body_operator', bodyName: 'Kementerian Sosial' };
  const evaluator = { role: 'evaluator', bodyName: null };
  const leader = { role: 'leadership', bodyName: null };

  it('finds the conflicting role both ways', () => {
    expect(conflictOf('evaluator', [leader, operator])).toBe(operator);
    expect(conflictOf('body_operator', [evaluator])).toBe(evaluator);
  });

  it('sees no conflict between other roles, nor with the same role', () => {
    expect(conflictOf('evaluator', [leader, evaluator])).toBeUndefined();
    expect(conflictOf('body_operator', [operator, leader])).toBeUndefined();
    expect(conflictOf('leadership', [operator, evaluator])).toBeUndefined();
    expect(conflictOf('commission_admin', [operator, evaluator])).toBeUndefined();
    expect(conflictOf('evaluator', [])).toBeUndefined();
  });
});
