import { describe, expect, it } from 'vitest';
import { hashToken, randomToken } from '../../src/lib/tokens.ts';

describe('hashToken', () => {
  it('is deterministic for one secret', async () => {
    const a = await hashToken('secret-one-secret-one-secret-one-01', 'token-abc');
    const b = await hashToken('secret-one-secret-one-secret-one-01', 'token-abc');
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs across secrets and across tokens', async () => {
    const a = await hashToken('secret-one-secret-one-secret-one-01', 'token-abc');
    expect(await hashToken('secret-two-secret-two-secret-two-02', 'token-abc')).not.toBe(a);
    expect(await hashToken('secret-one-secret-one-secret-one-01', 'token-abd')).not.toBe(a);
  });

  it('is HMAC-SHA256 (a known vector, RFC 4231 case 2)', async () => {
    expect(await hashToken('Jefe', 'what do ya want for nothing?')).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });
});

describe('randomToken', () => {
  it('is URL-safe, of the asked length and never repeats', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const t = randomToken();
      expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
      seen.add(t);
    }
    expect(seen.size).toBe(200);
    expect(randomToken(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
