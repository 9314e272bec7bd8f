import { scrypt } from 'node:crypto';
import { createPasswordHasher, type PasswordHasher, type ScryptParams } from './password.ts';

/** Node's native scrypt (libuv thread pool), producing the same hashes as the portable one. */
export function createNodePasswordHasher(params?: ScryptParams): PasswordHasher {
  return createPasswordHasher(
    (password, salt, p, keyLength) =>
      new Promise((resolve, reject) => {
        scrypt(password, salt, keyLength, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 2 ** 20 }, (err, key) =>
          err ? reject(err) : resolve(new Uint8Array(key)),
        );
      }),
    params,
  );
}
