import type { Db } from '../../db/database.ts';
import type { PasswordHasher } from '../../lib/password.ts';
import type { DemoLogin as SeededLogin } from './demo.service.ts';
import { activeDemoAccounts } from './demo-logins.repository.ts';

/** A demo account as printed: its address and role (demo.service's login, without the body). */
type DemoLogin = Pick<SeededLogin, 'email' | 'role'>;

/**
 * At most this many distinct password hashes are checked at start (scrypt is slow on purpose): the demo seeds one hash
 * shared by every account, so one check covers them all, and accounts whose password was changed have a hash each.
 */
const MAX_HASHES_CHECKED = 5;

/**
 * The demo logins that are true now: active accounts of the demo's domain that still sign in with the demo password,
 * read from the database (a restart after accounts were disabled, deleted or given another password prints what
 * holds, not the list of the first seed).
 */
export async function currentDemoLogins(db: Db, hasher: PasswordHasher, password: string): Promise<DemoLogin[]> {
  const accounts = await activeDemoAccounts(db);
  const byHash = new Map<string, number>();
  for (const a of accounts) if (a.passwordHash) byHash.set(a.passwordHash, (byHash.get(a.passwordHash) ?? 0) + 1);
  const checked = [...byHash].sort((a, b) => b[1] - a[1]).slice(0, MAX_HASHES_CHECKED);
  const demoHashes = new Set<string>();
  for (const [hash] of checked) if (await hasher.verify(password, hash)) demoHashes.add(hash);
  return accounts
    .filter((a) => a.passwordHash !== null && demoHashes.has(a.passwordHash))
    .map((a) => ({ email: a.email, role: a.role }));
}

/** The lines printed at start: staff one per line, operators counted with an example (there are dozens). */
export function demoLoginLines(logins: readonly DemoLogin[], password: string): string[] {
  if (logins.length === 0) return [`No demo account signs in with the demo password (${password}) any more.`];
  const staff = logins.filter((l) => l.role !== 'body_operator');
  const operators = logins.filter((l) => l.role === 'body_operator');
  const lines = [`Demo accounts (password ${password}):`, ...staff.map((l) => `  ${l.role.padEnd(17)} ${l.email}`)];
  if (operators.length > 0) {
    lines.push(
      `  body_operator     ${operators.length} account${operators.length === 1 ? '' : 's'}, e.g. ${operators[0]?.email} (ppid@<slug>.demo)`,
    );
  }
  return lines;
}
