/** Roles and tenancy: who may do what, where. Pure: no I/O, so the whole matrix is unit-testable. */

export const ROLES = ['platform_admin', 'commission_admin', 'evaluator', 'leadership', 'body_operator'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  role: Role;
  commissionId: string | null;
  bodyId: string | null;
}

export interface Actor {
  userId: string;
  email: string;
  name: string;
  memberships: Membership[];
}

/** Permissions at the grain the routes need; later stages add theirs (submission.fill, verification.write, ...). */
export type Permission =
  | 'commission.read'
  | 'registry.read'
  | 'registry.write'
  | 'users.manage'
  | 'body.read'
  | 'body.write'
  | 'audit.read'
  | 'period.read'
  | 'period.manage'
  | 'whatif.run'
  | 'submission.fill'
  | 'submission.read'
  | 'submission.manage'
  | 'review.manage'
  | 'verification.write'
  | 'clarification.ask'
  | 'clarification.reply'
  | 'objection.file'
  | 'objection.decide'
  | 'panel.score'
  | 'outbox.read'
  | 'results.read'
  | 'results.preview'
  | 'results.publish'
  | 'results.correct'
  | 'history.import'
  | 'dashboard.read'
  | 'certificates.bulk';

const GRANTS: Record<Permission, readonly Role[]> = {
  'commission.read': ['commission_admin', 'evaluator', 'leadership', 'body_operator'],
  'registry.read': ['commission_admin', 'evaluator', 'leadership'],
  'registry.write': ['commission_admin'],
  'users.manage': ['commission_admin'],
  'body.read': ['commission_admin', 'evaluator', 'leadership', 'body_operator'],
  'body.write': ['commission_admin'],
  'audit.read': ['commission_admin'],
  'period.read': ['commission_admin', 'evaluator', 'leadership', 'body_operator'],
  'period.manage': ['commission_admin'],
  'whatif.run': ['commission_admin', 'leadership'],
  'submission.fill': ['body_operator'],
  // an evaluator reads only the submissions assigned to them and, as a juror, the panel's bodies
  // (evaluatorOnlyIn + the review module's evaluatorSees); leadership reads all and writes nothing
  'submission.read': ['commission_admin', 'evaluator', 'leadership', 'body_operator'],
  'submission.manage': ['commission_admin'],
  // assignment, exclusions, workload, the panel's members, divergence and calibration
  'review.manage': ['commission_admin'],
  'verification.write': ['commission_admin', 'evaluator'],
  'clarification.ask': ['commission_admin', 'evaluator'],
  'clarification.reply': ['body_operator'],
  'objection.file': ['body_operator'],
  'objection.decide': ['commission_admin', 'evaluator'],
  // and a member of the period's panel (checked by the panel module)
  'panel.score': ['evaluator', 'commission_admin'],
  'outbox.read': ['commission_admin'],
  // published results: everyone of the commission (they are public anyway)
  'results.read': ['commission_admin', 'evaluator', 'leadership', 'body_operator'],
  // results before publication, from the results stage on (API.md: leadership reads them too)
  'results.preview': ['commission_admin', 'leadership'],
  'results.publish': ['commission_admin'],
  'results.correct': ['commission_admin'],
  'history.import': ['commission_admin'],
  // the leadership dashboard (charts over results, participation, evaluator progress)
  'dashboard.read': ['commission_admin', 'leadership'],
  // every certificate in force of a period as one ZIP (issue 24): the commission's admins and leadership
  'certificates.bulk': ['commission_admin', 'leadership'],
};

export interface Scope {
  commissionId: string;
  /** Set when the resource belongs to one body: body operators see their own body only. */
  bodyId?: string | undefined;
}

/**
 * `allow`; `forbid` (403: same tenant, the role may not); `hide` (404: another tenant, whose resources must not leak).
 * A body operator's tenant is its body: another body of the same commission is hidden, not forbidden.
 */
export type Decision = 'allow' | 'forbid' | 'hide';

/** Acts that only the body itself performs: a platform admin manages everything else, but never answers for a body. */
const BODY_ONLY: ReadonlySet<Permission> = new Set(['submission.fill', 'clarification.reply', 'objection.file']);

export function decide(actor: Actor, permission: Permission, scope: Scope): Decision {
  if (isPlatformAdmin(actor)) return BODY_ONLY.has(permission) ? 'forbid' : 'allow';
  const here = actor.memberships.filter((m) => m.commissionId === scope.commissionId);
  if (here.length === 0) return 'hide';
  const staff = here.filter((m) => m.role !== 'body_operator');
  const operated = here.filter((m) => m.role === 'body_operator').map((m) => m.bodyId);
  if (scope.bodyId !== undefined && staff.length === 0 && !operated.includes(scope.bodyId)) return 'hide';
  const granted = GRANTS[permission];
  const applicable = here.filter(
    (m) => m.role !== 'body_operator' || scope.bodyId === undefined || m.bodyId === scope.bodyId,
  );
  return applicable.some((m) => granted.includes(m.role)) ? 'allow' : 'forbid';
}

/**
 * True when, in this commission, the actor is an evaluator and nothing wider (not its admin, not leadership, not a
 * platform admin): such a caller reads only the submissions assigned to them and, as a juror, the panel's bodies.
 */
export function evaluatorOnlyIn(actor: Actor, commissionId: string): boolean {
  if (isPlatformAdmin(actor)) return false;
  const staff = actor.memberships.filter((m) => m.commissionId === commissionId && m.role !== 'body_operator');
  return staff.length > 0 && staff.every((m) => m.role === 'evaluator');
}

/** Staff of the commission who see verification before its release: platform admin, its admins and evaluators, leadership. */
export function isCommissionStaff(actor: Actor, commissionId: string): boolean {
  return (
    isPlatformAdmin(actor) ||
    actor.memberships.some((m) => m.commissionId === commissionId && m.role !== 'body_operator')
  );
}

export function isPlatformAdmin(actor: Actor): boolean {
  return actor.memberships.some((m) => m.role === 'platform_admin');
}

/** Commissions the actor belongs to in any role (platform admins see all, so callers check that first). */
export function commissionIdsOf(actor: Actor): string[] {
  return [...new Set(actor.memberships.map((m) => m.commissionId).filter((c): c is string => c !== null))];
}

/** Roles that a commission admin may grant inside the commission; platform_admin is granted only by a platform admin. */
export const COMMISSION_ROLES = ['commission_admin', 'evaluator', 'leadership', 'body_operator'] as const;
export type CommissionRole = (typeof COMMISSION_ROLES)[number];
