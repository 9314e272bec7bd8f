import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Random tokens (sessions, invitations) and their keyed hashes: the database only ever holds the hash. */

export function randomToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...raw))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}

/**
 * HMAC-SHA-256 of a token under the server's secret, in hex. Synchronous (@noble/hashes, audited, the same on Node and
 * Workers): WebCrypto's sign is a round trip through a worker thread, which on every session check cost more than
 * the hash itself. The keyed state of each secret is prepared once and cloned per token.
 */
export async function hashToken(secret: string, token: string): Promise<string> {
  let keyed = keyedStates.get(secret);
  if (!keyed) {
    keyed = hmac.create(sha256, utf8ToBytes(secret));
    keyedStates.set(secret, keyed);
  }
  return bytesToHex(keyed.clone().update(utf8ToBytes(token)).digest());
}

// A memo of a pure function of the secret (HMAC's keyed inner and outer states), not app state: an app holds one
// secret, so this holds one entry per secret in the process and two apps with the same secret may share it safely.
const keyedStates = new Map<string, ReturnType<typeof hmac.create>>();
