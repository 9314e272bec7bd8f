import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentDemoLogins, demoLoginLines } from '../../src/modules/demo/demo-logins.service.ts';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

/**
 * What a restart prints as demo logins is read from the database: the active accounts of the demo's domain that still
 * sign in with the demo password. Other suites may add `.demo` accounts to a shared PostgreSQL database, so each check
 * looks at this test's own accounts.
 */
const PASSWORD = 'informatif-demo';
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

async function account(
  email: string,
  role: string,
  options: { password?: string; disabled?: boolean; commissionId?: string; bodyId?: string } = {},
) {
  const user = await ctx.db
    .insertInto('users')
    .values({
      email,
      name: email,
      passwordHash: await ctx.deps.passwordHasher.hash(options.password ?? PASSWORD),
      disabledAt: options.disabled ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db
    .insertInto('memberships')
    .values({ userId: user.id, role, commissionId: options.commissionId ?? null, bodyId: options.bodyId ?? null })
    .execute();
}

describe('currentDemoLogins', () => {
  it('lists the active demo accounts that sign in with the demo password, and none that do not', async () => {
    const tag = unique('d').toLowerCase();
    const commission = await ctx.factory.commission();
    const body = await ctx.factory.body(commission.id);
    const commissionId = commission.id;
    await account(`admin@${tag}.demo`, 'platform_admin');
    await account(`ppid@${tag}-badan.demo`, 'body_operator', { commissionId, bodyId: body.id });
    await account(`gone@${tag}.demo`, 'evaluator', { disabled: true, commissionId });
    await account(`changed@${tag}.demo`, 'evaluator', { password: 'another secret', commissionId });
    await account(`admin@${tag}.example`, 'platform_admin');

    const mine = (await currentDemoLogins(ctx.db, ctx.deps.passwordHasher, PASSWORD)).filter((l) =>
      l.email.includes(tag),
    );
    expect(mine).toEqual([
      { email: `admin@${tag}.demo`, role: 'platform_admin' },
      { email: `ppid@${tag}-badan.demo`, role: 'body_operator' },
    ]);

    const lines = demoLoginLines(mine, PASSWORD);
    expect(lines[0]).toBe(`Demo accounts (password ${PASSWORD}):`);
    expect(lines).toContain(`  platform_admin    admin@${tag}.demo`);
    expect(lines.at(-1)).toContain(`1 account, e.g. ppid@${tag}-badan.demo`);
  });

  it('says so, with the password, when no demo account can sign in', () => {
    expect(demoLoginLines([], PASSWORD)).toEqual([
      `No demo account signs in with the demo password (${PASSWORD}) any more.`,
    ]);
  });
});
