import { type Actor, decide, type Permission, type Scope } from '../domain/access.ts';
import { AppError } from './errors.ts';

/** The one gate every service passes: allow, or 403 within the tenant, or 404 outside it (existence must not leak). */
export function authorize(actor: Actor, permission: Permission, scope: Scope, what = 'resource'): void {
  const decision = decide(actor, permission, scope);
  if (decision === 'hide') throw new AppError('NOT_FOUND', `No such ${what}.`);
  if (decision === 'forbid') throw new AppError('FORBIDDEN', 'Your role may not do this.');
}
