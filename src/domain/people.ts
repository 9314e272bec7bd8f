/**
 * Conflict of interest among a commission's people (issue 25 item 2): a body's PPID operator who is also an evaluator
 * of the same commission would verify their own body's SAQ, or their colleagues'. Such a pair of roles is refused unless
 * the admin confirms it with a reason. Pure, so the invitation and its acceptance apply the same rule.
 */
const CONFLICTING: Readonly<Record<string, string>> = { evaluator: 'body_operator', body_operator: 'evaluator' };

/** The first role among `held` (in the same commission) that conflicts with `role`, if any. */
export function conflictOf<T extends { role: string }>(role: string, held: readonly T[]): T | undefined {
  const other = CONFLICTING[role];
  return other ? held.find((h) => h.role === other) : undefined;
}
