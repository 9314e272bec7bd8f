import { describe, expect, it } from 'vitest';
import type { User } from '../../web/src/api.ts';
import { homeFor } from '../../web/src/permissions.ts';

// Where signing in lands (issue 25, item 5): the home page with the admin's overview, not the body list.
const user = (roles: User['roles']): User => ({ id: 'u1', email: 'a@example.id', name: 'A', roles });

describe('homeFor', () => {
  it('sends a commission admin to the home page, where the overview and the first steps are', () => {
    expect(homeFor(user([{ role: 'commission_admin', commissionId: 'c1' }]))).toBe('/');
  });

  it('sends a platform admin alone to the commissions, one who also administers a commission home', () => {
    expect(homeFor(user([{ role: 'platform_admin' }]))).toBe('/commissions');
    expect(homeFor(user([{ role: 'platform_admin' }, { role: 'commission_admin', commissionId: 'c1' }]))).toBe('/');
  });

  it('sends operators, evaluators, leadership and an account without roles home', () => {
    expect(homeFor(user([{ role: 'body_operator', commissionId: 'c1', bodyId: 'b1' }]))).toBe('/');
    expect(homeFor(user([{ role: 'evaluator', commissionId: 'c1' }]))).toBe('/');
    expect(homeFor(user([{ role: 'leadership', commissionId: 'c1' }]))).toBe('/');
    expect(homeFor(user([]))).toBe('/');
  });
});
