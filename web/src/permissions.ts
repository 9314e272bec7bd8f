import type { RoleGrant, User } from './api.ts';

/** What the client shows to whom; the server decides again on every request (this only hides dead ends). */

export const isPlatformAdmin = (user: User) => user.roles.some((r) => r.role === 'platform_admin');

const rolesIn = (user: User, cid: string) => user.roles.filter((r) => r.commissionId === cid);

/** Registry writes and user management: the commission's admins (and platform admins). */
export const canManage = (user: User, cid: string) =>
  isPlatformAdmin(user) || rolesIn(user, cid).some((r) => r.role === 'commission_admin');

/** Reading the body list: commission staff; body operators see only their own body. */
export const canReadRegistry = (user: User, cid: string) =>
  isPlatformAdmin(user) ||
  rolesIn(user, cid).some((r) => r.role === 'commission_admin' || r.role === 'evaluator' || r.role === 'leadership');

/** Periods (methodology, schedule, questionnaires): read by commission staff; the navigation shows them to staff. */
export const canReadPeriods = canReadRegistry;

/**
 * Opening a body's submission (answers and evidence): the commission's admins and leadership (read-only), and
 * evaluators (the server shows them only those assigned to them and, as jurors, the panel's bodies).
 */
export const canReadSubmissions = (user: User, cid: string) =>
  isPlatformAdmin(user) ||
  rolesIn(user, cid).some((r) => r.role === 'commission_admin' || r.role === 'evaluator' || r.role === 'leadership');

/** An evaluator's queue (and, as a juror, the panel): anyone holding the evaluator role somewhere. */
export const isEvaluator = (user: User) => user.roles.some((r) => r.role === 'evaluator');

/** Running a what-if on a period: the commission's admins and its leadership. */
export const canRunWhatIf = (user: User, cid: string) =>
  isPlatformAdmin(user) || rolesIn(user, cid).some((r) => r.role === 'commission_admin' || r.role === 'leadership');

/** The leadership dashboard and results before publication: the commission's admins and its leadership. */
export const canReadDashboard = canRunWhatIf;

/** The commission a signed-in user works in when the address names none: the first staff role's, else any. */
export function defaultCommission(user: User): RoleGrant | undefined {
  return user.roles.find((r) => r.commissionId && r.role !== 'body_operator') ?? user.roles.find((r) => r.commissionId);
}

/**
 * Where a user lands after signing in: the home page (a commission admin's overview of the running periods and, for a
 * new commission, its first steps; an operator's SAQ; an evaluator's queue), a platform admin alone at commissions.
 */
export function homeFor(user: User): string {
  const admin = user.roles.some((r) => r.role === 'commission_admin' && r.commissionId);
  if (!admin && isPlatformAdmin(user)) return '/commissions';
  return '/';
}
