import type { AnswerValue } from './scoring.ts';

/**
 * Verification rules shared by the server and the verification screen: when a verified value differs from the body's
 * answer (and so needs a reason), and how long that reason must be.
 */

/** A reason for a verified value that differs from the answer: at least this many characters, trimmed. */
export const MIN_VERIFICATION_REASON = 3;

/**
 * Whether two answer values are the same answer: deep equality, where a checklist is the set of its checked items (the
 * order they were ticked in says nothing) and an unanswered question is null.
 */
export function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    const set = new Set(x);
    return set.size === new Set(y).size && y.every((v) => set.has(v));
  }
  return x === y;
}

/** Whether a reason given for a verified value is enough: one is needed only when the value differs from the answer. */
export function reasonMissing(answer: AnswerValue | undefined, value: AnswerValue, reason: string | null | undefined) {
  return !sameAnswer(answer, value) && (reason ?? '').trim().length < MIN_VERIFICATION_REASON;
}
