import type { Db } from '../../db/database.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { hashToken } from '../../lib/tokens.ts';
import * as repo from './auth.repository.ts';
import * as places from './throttle.repository.ts';

/**
 * Back-off per key (decision 016): failures within `windowMs` are counted; the first `free` cost nothing, then each
 * next attempt waits `baseMs`·2^(n−free) after the latest failure (1 s, 2 s, 4 s …), at most `capMs`. While it waits
 * the answer is 429 with Retry-After; a 429 is not itself a failure, so hammering does not push the wait further.
 */
export interface BackOff {
  kind: string;
  free: number;
  baseMs: number;
  capMs: number;
  windowMs: number;
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const backOff = (kind: string, free: number): BackOff => ({
  kind,
  free,
  baseMs: 1000,
  capMs: 15 * 60 * 1000,
  windowMs: HOUR,
});

/** The cookie naming a device that signed in (decision 016). */
export const DEVICE_COOKIE = 'informatif_device';

/** The login's rules: per account (from a place it has not used), per client address, per known device. */
export const LOGIN_THROTTLE = {
  account: backOff('login-account', 5),
  address: backOff('login-ip', 10),
  device: backOff('login-device', 5),
  /** How long a device cookie lives, and how long a device or an address stays known after its last sign-in. */
  deviceMs: 365 * DAY,
  addressMs: 30 * DAY,
} as const;

/** The wait after `count` failures, in ms (0: none). */
export function backOffDelay(rule: BackOff, count: number): number {
  if (count < rule.free) return 0;
  return Math.min(rule.capMs, rule.baseMs * 2 ** Math.min(count - rule.free, 30));
}

/** Refuses with 429 and Retry-After while the key waits out its back-off. */
export async function checkBackOff(deps: AppDeps, rule: BackOff, key: string, db: Db = deps.db): Promise<void> {
  const now = nowOf(deps).getTime();
  const { count, latest } = await places.failureStreak(db, rule.kind, key, new Date(now - rule.windowMs));
  const wait = (latest?.getTime() ?? 0) + backOffDelay(rule, count) - now;
  if (count >= rule.free && wait > 0) {
    const retryAfter = Math.max(1, Math.ceil(wait / 1000));
    throw new AppError(
      'TOO_MANY_REQUESTS',
      'Too many failed attempts. Try again later.',
      { retryAfter },
      { 'Retry-After': String(retryAfter) },
    );
  }
}

/**
 * Checks the back-offs of an attempt and counts it as a failure in one step, serialised per key, so that guesses sent
 * in parallel cannot all pass the check before any of them is counted: the n-th waits as it would have one by one.
 * Nothing is counted when it must wait (429). The attempt's failures, to forgive when it succeeds.
 */
export async function reserveAttempt(deps: AppDeps, rules: { rule: BackOff; key: string }[]): Promise<number[]> {
  return deps.db.transaction().execute(async (trx) => {
    await places.lockFailureKeys(
      trx,
      rules.map((r) => ({ kind: r.rule.kind, key: r.key })),
    );
    for (const { rule, key } of rules) await checkBackOff(deps, rule, key, trx);
    const at = nowOf(deps);
    return places.insertFailures(
      trx,
      rules.map((r) => ({ kind: r.rule.kind, key: r.key, at })),
    );
  });
}

/** Takes back the failures an attempt reserved, once it succeeded. */
export async function forgiveAttempt(deps: AppDeps, reserved: number[]): Promise<void> {
  await places.deleteFailures(deps.db, reserved);
}

/** Counts one failure against each of these keys. */
export async function recordFailure(deps: AppDeps, keys: { rule: BackOff; key: string }[]): Promise<void> {
  const at = nowOf(deps);
  await repo.recordFailures(
    deps.db,
    keys.map((k) => ({ kind: k.rule.kind, key: k.key, at })),
  );
}

/** Where a sign-in comes from, as far as the account is concerned. */
export interface LoginPlace {
  /** The keyed hash of the device cookie's token, when the cookie carries one. */
  deviceHash: string | null;
  addressHash: string;
  /** The account signed in from this device (within a year) or this address (within 30 days) before. */
  knownDevice: boolean;
  knownAddress: boolean;
}

// a device token is ours only if it looks like one: anything else in the cookie is ignored
const DEVICE_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** Looks the place up for this account (a user id that matches nothing costs the same query: no enumeration). */
export async function loginPlace(
  deps: AppDeps,
  userId: string | undefined,
  ip: string,
  deviceToken: string | undefined,
): Promise<LoginPlace> {
  const deviceHash =
    deviceToken && DEVICE_TOKEN.test(deviceToken) ? await hashToken(deps.sessionSecret, `device:${deviceToken}`) : null;
  const addressHash = await hashToken(deps.sessionSecret, `address:${ip}`);
  const now = nowOf(deps).getTime();
  const found = await places.knownPlaces(deps.db, userId ?? '', [
    ...(deviceHash
      ? [{ kind: 'device' as const, keyHash: deviceHash, since: new Date(now - LOGIN_THROTTLE.deviceMs) }]
      : []),
    { kind: 'address', keyHash: addressHash, since: new Date(now - LOGIN_THROTTLE.addressMs) },
  ]);
  return {
    deviceHash,
    addressHash,
    knownDevice: found.some((f) => f.kind === 'device'),
    knownAddress: found.some((f) => f.kind === 'address'),
  };
}

/**
 * The back-offs a sign-in from this place waits for, and the keys its failure counts against (decision 016). From a
 * known device: only that device's own failures, so a stranger elsewhere, even behind the owner's address, cannot
 * hold its owner back, and a stolen cookie still guesses slowly. From a known address: that address's failures, not
 * the account's. From anywhere else: the address's and the account's.
 */
export function loginRules(place: LoginPlace, email: string, ip: string): { rule: BackOff; key: string }[] {
  if (place.knownDevice && place.deviceHash) return [{ rule: LOGIN_THROTTLE.device, key: place.deviceHash }];
  const address = { rule: LOGIN_THROTTLE.address, key: ip };
  return place.knownAddress ? [address] : [address, { rule: LOGIN_THROTTLE.account, key: email }];
}

/** After a successful sign-in: the device (a cookie token, reused or new) and the address become known places. */
export async function rememberLoginPlace(
  deps: AppDeps,
  userId: string,
  place: LoginPlace,
  deviceToken: string | undefined,
  newToken: () => string,
): Promise<string> {
  const token = place.deviceHash && deviceToken ? deviceToken : newToken();
  const deviceHash = place.deviceHash ?? (await hashToken(deps.sessionSecret, `device:${token}`));
  await places.rememberPlaces(
    deps.db,
    userId,
    [
      { kind: 'device', keyHash: deviceHash },
      { kind: 'address', keyHash: place.addressHash },
    ],
    nowOf(deps),
  );
  return token;
}
