import { scrypt as nobleScrypt } from '@noble/hashes/scrypt.js';

/**
 * Passwords are hashed with scrypt (RFC 7914), at OWASP's N=2^15, r=8, p=3. The stored form carries its parameters:
 * `scrypt$N$r$p$salt$hash` (base64), so costs can rise later without breaking old hashes.
 * Node uses its native scrypt; Workers (no native scrypt guaranteed) use @noble/hashes, which gives the same bytes.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
}

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 3 };
const KEY_LENGTH = 32;

type ScryptFn = (
  password: Uint8Array,
  salt: Uint8Array,
  params: ScryptParams,
  keyLength: number,
) => Promise<Uint8Array>;

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

export function createPasswordHasher(scrypt: ScryptFn, params: ScryptParams = DEFAULT_SCRYPT): PasswordHasher {
  const encoder = new TextEncoder();
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const key = await scrypt(encoder.encode(password.normalize('NFKC')), salt, params, KEY_LENGTH);
      return `scrypt$${params.N}$${params.r}$${params.p}$${b64(salt)}$${b64(key)}`;
    },
    async verify(password, stored) {
      const [scheme, n, r, p, salt, key] = stored.split('$');
      if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
      const expected = unb64(key);
      const actual = await scrypt(
        encoder.encode(password.normalize('NFKC')),
        unb64(salt),
        { N: Number(n), r: Number(r), p: Number(p) },
        expected.length,
      );
      return timingSafeEqual(actual, expected);
    },
  };
}

/** Pure JavaScript scrypt: runs anywhere (Workers), slower than Node's native one. */
export const portableScrypt: ScryptFn = async (password, salt, params, keyLength) =>
  nobleScrypt(password, salt, { N: params.N, r: params.r, p: params.p, dkLen: keyLength, maxmem: 2 ** 30 });
