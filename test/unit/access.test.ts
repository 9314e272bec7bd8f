import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Actor,
  COMMISSION_ROLES,
  commissionIdsOf,
  decide,
  isPlatformAdmin,
  type Membership,
  type Permission,
  ROLES,
  type Role,
} from '../../src/domain/access.ts';

const PERMISSIONS: Permission[] = [
  'commission.read',
  'registry.read',
  'registry.write',
  'users.manage',
  'body.read',
  'body.write',
  'audit.read',
];

const actor = (...memberships: Partial<Membership>[]): Actor => ({
  userId: 'u1',
  email: 'u1@test.example',
  name: 'U',
  memberships: memberships.map((m) => ({ role: 'evaluator', commissionId: null, bodyId: null, ...m })),
});
const member = (role: Role, commissionId = 'C1', bodyId: string | null = null): Partial<Membership> => ({
  role,
  commissionId,
  bodyId,
});

describe('decide', () => {
  it('allows a platform admin everything, in any commission and body', () => {
    const admin = actor({ role: 'platform_admin' });
    for (const p of PERMISSIONS) {
      expect(decide(admin, p, { commissionId: 'C9' })).toBe('allow');
      expect(decide(admin, p, { commissionId: 'C9', bodyId: 'B9' })).toBe('allow');
    }
    expect(isPlatformAdmin(admin)).toBe(true);
  });

  it('hides every resource of another commission, whatever the role', () => {
    for (const role of COMMISSION_ROLES) {
      const a = actor(member(role, 'C1', role === 'body_operator' ? 'B1' : null));
      for (const p of PERMISSIONS) {
        expect(decide(a, p, { commissionId: 'C2' })).toBe('hide');
        expect(decide(a, p, { commissionId: 'C2', bodyId: 'B1' })).toBe('hide');
      }
    }
  });

  it('hides from a user without memberships', () => {
    expect(decide(actor(), 'commission.read', { commissionId: 'C1' })).toBe('hide');
  });

  it('lets a commission admin do everything in its own commission', () => {
    const a = actor(member('commission_admin'));
    for (const p of PERMISSIONS) expect(decide(a, p, { commissionId: 'C1', bodyId: 'B1' })).toBe('allow');
  });

  it('lets evaluators and leadership read but forbids their writes', () => {
    for (const role of ['evaluator', 'leadership'] as const) {
      const a = actor(member(role));
      expect(decide(a, 'registry.read', { commissionId: 'C1' })).toBe('allow');
      expect(decide(a, 'body.read', { commissionId: 'C1', bodyId: 'B1' })).toBe('allow');
      expect(decide(a, 'registry.write', { commissionId: 'C1' })).toBe('forbid');
      expect(decide(a, 'users.manage', { commissionId: 'C1' })).toBe('forbid');
      expect(decide(a, 'body.write', { commissionId: 'C1', bodyId: 'B1' })).toBe('forbid');
    }
  });

  it('lets a body operator read its own body and forbids writing it', () => {
    const op = actor(member('body_operator', 'C1', 'B1'));
    expect(decide(op, 'body.read', { commissionId: 'C1', bodyId: 'B1' })).toBe('allow');
    expect(decide(op, 'body.write', { commissionId: 'C1', bodyId: 'B1' })).toBe('forbid');
    expect(decide(op, 'commission.read', { commissionId: 'C1' })).toBe('allow');
    expect(decide(op, 'registry.read', { commissionId: 'C1' })).toBe('forbid');
  });

  it('hides another body of the same commission from a body operator (not forbid: existence must not leak)', () => {
    const op = actor(member('body_operator', 'C1', 'B1'));
    expect(decide(op, 'body.read', { commissionId: 'C1', bodyId: 'B2' })).toBe('hide');
    expect(decide(op, 'body.write', { commissionId: 'C1', bodyId: 'B2' })).toBe('hide');
  });

  it('combines memberships: an operator of two bodies sees both and no third', () => {
    const op = actor(member('body_operator', 'C1', 'B1'), member('body_operator', 'C1', 'B2'));
    expect(decide(op, 'body.read', { commissionId: 'C1', bodyId: 'B1' })).toBe('allow');
    expect(decide(op, 'body.read', { commissionId: 'C1', bodyId: 'B2' })).toBe('allow');
    expect(decide(op, 'body.read', { commissionId: 'C1', bodyId: 'B3' })).toBe('hide');
  });

  it('combines memberships: staff of one commission who also operates a body elsewhere', () => {
    const a = actor(member('evaluator', 'C1'), member('body_operator', 'C2', 'B7'));
    expect(decide(a, 'registry.read', { commissionId: 'C1' })).toBe('allow');
    expect(decide(a, 'body.read', { commissionId: 'C2', bodyId: 'B7' })).toBe('allow');
    // its operator role in C2 grants nothing over other bodies of C2, and its evaluator role nothing in C2
    expect(decide(a, 'body.read', { commissionId: 'C2', bodyId: 'B8' })).toBe('hide');
    expect(decide(a, 'registry.read', { commissionId: 'C2' })).toBe('forbid');
    expect(decide(a, 'body.write', { commissionId: 'C1', bodyId: 'B1' })).toBe('forbid');
    expect(commissionIdsOf(a).sort()).toEqual(['C1', 'C2']);
  });

  it('combines memberships: the strongest role of the commission wins', () => {
    const a = actor(member('leadership', 'C1'), member('commission_admin', 'C1'));
    expect(decide(a, 'registry.write', { commissionId: 'C1' })).toBe('allow');
    const b = actor(member('body_operator', 'C1', 'B1'), member('evaluator', 'C1'));
    // as staff of C1 it sees every body of C1, though it operates only B1
    expect(decide(b, 'body.read', { commissionId: 'C1', bodyId: 'B2' })).toBe('allow');
    expect(decide(b, 'body.write', { commissionId: 'C1', bodyId: 'B1' })).toBe('forbid');
  });

  it('never allows anything outside the actor’s commissions (property)', () => {
    const role = fc.constantFrom(...ROLES.filter((r) => r !== 'platform_admin'));
    const membership = fc.record({
      role,
      commissionId: fc.constantFrom('C1', 'C2'),
      bodyId: fc.constantFrom('B1', 'B2'),
    });
    fc.assert(
      fc.property(
        fc.array(membership, { maxLength: 4 }),
        fc.constantFrom(...PERMISSIONS),
        fc.option(fc.constantFrom('B1', 'B2', 'B3'), { nil: undefined }),
        (memberships, permission, bodyId) => {
          const a = actor(...memberships.map((m) => ({ ...m, bodyId: m.role === 'body_operator' ? m.bodyId : null })));
          expect(decide(a, permission, { commissionId: 'C3', bodyId })).toBe('hide');
        },
      ),
    );
  });
});
