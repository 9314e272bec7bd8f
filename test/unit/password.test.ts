import { describe, expect, it } from 'vitest';
import { createNodePasswordHasher } from '../../src/lib/node-password.ts';
import { createPasswordHasher, DEFAULT_SCRYPT, portableScrypt } from '../../src/lib/password.ts';

const SMALL = { N: 1024, r: 8, p: 1 };
const node = createNodePasswordHasher(SMALL);
const portable = createPasswordHasher(portableScrypt, SMALL);

describe('password hashing', () => {
  it('verifies the password it hashed and refuses another', async () => {
    const stored = await node.hash('kata-sandi-rahasia');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(await node.verify('kata-sandi-rahasia', stored)).toBe(true);
    expect(await node.verify('kata-sandi-rahasiA', stored)).toBe(false);
    expect(await node.verify('', stored)).toBe(false);
  });

  it('salts: the same password hashes differently each time', async () => {
    const a = await node.hash('same password');
    const b = await node.hash('same password');
    expect(a).not.toBe(b);
    expect(await node.verify('same password', b)).toBe(true);
  });

  it('portable (noble) and node implementations verify each other’s hashes', async () => {
    const fromNode = await node.hash('Pässwörd ✓ 123');
    const fromPortable = await portable.hash('Pässwörd ✓ 123');
    expect(await portable.verify('Pässwörd ✓ 123', fromNode)).toBe(true);
    expect(await node.verify('Pässwörd ✓ 123', fromPortable)).toBe(true);
    expect(await portable.verify('Passwörd ✓ 123', fromNode)).toBe(false);
    expect(await node.verify('Passwörd ✓ 123', fromPortable)).toBe(false);
  });

  it('verifies with the parameters stored in the hash, not the hasher’s own', async () => {
    const stronger = createNodePasswordHasher({ N: 2048, r: 8, p: 1 });
    const stored = await stronger.hash('naik biaya');
    expect(stored.startsWith('scrypt$2048$8$1$')).toBe(true);
    expect(await node.verify('naik biaya', stored)).toBe(true);
  });

  it('normalises to NFKC, so composed and decomposed input match', async () => {
    const stored = await node.hash('caf\u00e9');
    expect(await node.verify('cafe\u0301', stored)).toBe(true);
  });

  it('refuses malformed stored hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'bcrypt$10$abc$def$ghi$jkl', 'scrypt$1024$8$1$c2FsdA==', 'scrypt$$8$1$a$b']) {
      expect(await node.verify('anything', stored)).toBe(false);
    }
  });

  it('uses OWASP parameters by default (N=2^15, r=8, p=3) and round-trips with them', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 3 });
    const hasher = createNodePasswordHasher();
    const stored = await hasher.hash('default-cost password');
    expect(stored.startsWith('scrypt$32768$8$3$')).toBe(true);
    expect(await hasher.verify('default-cost password', stored)).toBe(true);
    expect(await hasher.verify('default-cost passwore', stored)).toBe(false);
  });
});
