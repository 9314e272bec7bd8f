/**
 * The automatic assignment's balance (issue 22, item 1), pure so that it can be checked on its own: each submission,
 * in the order given, goes to the eligible evaluator with the fewest questions already assigned in its category; ties
 * go to the fewest questions overall, then by name (and id). The same state always gives the same plan. An evaluator
 * excluded from a body (a conflict of interest) never gets its submission; a submission every evaluator is excluded
 * from is left out of the plan (`skipped`).
 */

export interface BalanceEvaluator {
  id: string;
  name: string;
}

export interface BalanceSubmission {
  id: string;
  bodyId: string;
  categoryCode: string;
  /** Questions of its questionnaire: the unit of work balanced. */
  total: number;
}

interface Load {
  evaluator: BalanceEvaluator;
  total: number;
  byCategory: Map<string, number>;
}

export function planAutoAssignment(
  evaluators: readonly BalanceEvaluator[],
  existing: readonly { evaluatorId: string; categoryCode: string; questions: number }[],
  submissions: readonly BalanceSubmission[],
  excluded: readonly { bodyId: string; evaluatorId: string }[],
): { plan: { submissionId: string; evaluatorId: string }[]; skipped: string[] } {
  const loads = new Map<string, Load>(
    evaluators.map((e) => [e.id, { evaluator: e, total: 0, byCategory: new Map<string, number>() }]),
  );
  // work already held counts: an evaluator given much by hand gets less from the balance
  for (const row of existing) {
    const load = loads.get(row.evaluatorId);
    if (!load) continue;
    load.total += row.questions;
    load.byCategory.set(row.categoryCode, (load.byCategory.get(row.categoryCode) ?? 0) + row.questions);
  }
  const barred = new Set(excluded.map((x) => `${x.bodyId}\u0000${x.evaluatorId}`));
  const plan: { submissionId: string; evaluatorId: string }[] = [];
  const skipped: string[] = [];
  for (const s of submissions) {
    let best: Load | undefined;
    for (const load of loads.values()) {
      if (barred.has(`${s.bodyId}\u0000${load.evaluator.id}`)) continue;
      if (!best || lighter(load, best, s.categoryCode)) best = load;
    }
    if (!best) {
      skipped.push(s.id);
      continue;
    }
    best.total += s.total;
    best.byCategory.set(s.categoryCode, (best.byCategory.get(s.categoryCode) ?? 0) + s.total);
    plan.push({ submissionId: s.id, evaluatorId: best.evaluator.id });
  }
  return { plan, skipped };
}

/** Whether `a` should take the next submission of `category` before `b`. */
function lighter(a: Load, b: Load, category: string): boolean {
  const ca = a.byCategory.get(category) ?? 0;
  const cb = b.byCategory.get(category) ?? 0;
  if (ca !== cb) return ca < cb;
  if (a.total !== b.total) return a.total < b.total;
  // a fixed collation, not the machine's locale: the same names order the same everywhere
  if (a.evaluator.name !== b.evaluator.name) return a.evaluator.name < b.evaluator.name;
  return a.evaluator.id < b.evaluator.id;
}
