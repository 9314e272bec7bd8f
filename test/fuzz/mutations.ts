/** The ways a fuzz case departs from a valid request. Each one names itself, so a failure says what it tried. */
import type { Rng } from './schema-gen.ts';

/** Strings that have broken real systems: control, direction, width, surrogate and combining edge cases. */
export const UNICODE_EDGES = [
  'a\u0000b',
  '\u0000',
  '\ud800',
  'x\udfffy',
  '\u202eevil.exe\u202dfdp.',
  'zero\u200bwidth\u200d\ufeff',
  '😀👩‍👩‍👧‍👦🏳️‍🌈',
  'e\u0301\u0301\u0301\u0301\u0301\u0301',
  'Z̷̛̖a̸l̵g̶o̴',
  '\u0007\u001b[31m\u007f',
  '\r\n\t',
  '\ufffe\uffff',
  'ﷺ﷽',
  'Laporan–Tahunan é',
] as const;

export const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table bodies; --",
  '1; select pg_sleep(5)',
  '" OR ""="',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template injection is the string under test
  '{{7*7}}${7*7}',
  '../../../../etc/passwd',
  '%s%s%s%n',
  '=cmd|" /C calc"!A0',
] as const;

/** Path ids that are not ids: NUL, traversal, huge, unicode, numbers, another tenant's. */
export const BAD_IDS = [
  '%00',
  'a%00b',
  '..%2F..%2Fetc%2Fpasswd',
  '..',
  '%2e%2e',
  '00000000-0000-0000-0000-000000000000',
  '0',
  '-1',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%ED%A0%80',
  '%C0%AE',
  "1'%20OR%20'1'%3D'1",
  '%3Cscript%3E',
  'null',
] as const;

export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'text/csv',
  '',
] as const;

export const MALFORMED_JSON = [
  '{',
  '{"a":',
  "{'a': 1}",
  '{"a": 1,}',
  '[1, 2',
  'nul',
  '{"a": NaN}',
  '{"a": 1e999999}',
  '\ufeff{}',
  '{"a": "\\ud800"}',
  '{"a": "\\u0000"}',
  '{"a":1}{"b":2}',
  '',
  'null',
  '[]',
  '"text"',
  '12345678901234567890',
] as const;

/** A JSON text nested `depth` levels deep, written by hand so that building it cannot overflow our own stack. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string | number;
  value: unknown;
}

/** Every place inside a JSON value that can be replaced. */
export function slots(value: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 30 || value === null || typeof value !== 'object') return out;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  for (const [key, v] of entries) {
    out.push({ parent: value as Record<string, unknown>, key, value: v });
    slots(v, out, depth + 1);
  }
  return out;
}

function set(slot: Slot, value: unknown) {
  (slot.parent as Record<string | number, unknown>)[slot.key] = value;
}

export function wrongTypeOf(value: unknown, rng: Rng): unknown {
  const options: unknown[] = [0, -1, 1.5, 1e308, true, 'text', '', null, [], {}, [1, 'a', null], { a: 1 }];
  return rng.pick(options.filter((o) => typeof o !== typeof value || Array.isArray(o) !== Array.isArray(value)));
}

export type BodyMutation =
  | 'wrong-type'
  | 'wrong-type-root'
  | 'missing-field'
  | 'extra-field'
  | 'huge-string'
  | 'over-max-length'
  | 'huge-array'
  | 'over-max-items'
  | 'unicode'
  | 'prototype-key'
  | 'injection'
  | 'number-edge';

export const BODY_MUTATIONS: readonly BodyMutation[] = [
  'wrong-type',
  'wrong-type-root',
  'missing-field',
  'extra-field',
  'huge-string',
  'over-max-length',
  'huge-array',
  'over-max-items',
  'unicode',
  'prototype-key',
  'injection',
  'number-edge',
];

/**
 * Mutates a valid JSON value in place (or returns a replacement). The value is a fresh copy, so nothing is shared.
 * `maxLengthOf` and `maxItemsOf` are generic bounds: one past the largest limit in the schema, when known.
 */
export function mutateBody(value: unknown, mutation: BodyMutation, rng: Rng): unknown {
  const all = slots(value);
  const strings = all.filter((s) => typeof s.value === 'string');
  const arrays = all.filter((s) => Array.isArray(s.value));
  const objects = [
    ...(value && typeof value === 'object' && !Array.isArray(value) ? [value as Record<string, unknown>] : []),
    ...all
      .filter((s) => s.value && typeof s.value === 'object' && !Array.isArray(s.value))
      .map((s) => s.value as Record<string, unknown>),
  ];
  const anyString = (s: string) => {
    if (strings.length > 0) set(rng.pick(strings), s);
    else if (objects.length > 0) rng.pick(objects)[rng.pick(['name', 'title', 'code', 'x'])] = s;
    else return s;
    return value;
  };
  switch (mutation) {
    case 'wrong-type': {
      if (all.length === 0) return wrongTypeOf(value, rng);
      const slot = rng.pick(all);
      set(slot, wrongTypeOf(slot.value, rng));
      return value;
    }
    case 'wrong-type-root':
      return wrongTypeOf(value, rng);
    case 'missing-field': {
      if (objects.length === 0) return {};
      const target = rng.pick(objects);
      const keys = Object.keys(target);
      if (keys.length > 0) delete target[rng.pick(keys)];
      return value;
    }
    case 'extra-field': {
      const target = objects.length > 0 ? rng.pick(objects) : undefined;
      if (!target) return { extra: 1 };
      target[rng.pick(['extra', 'id', 'commissionId', 'role', 'version', 'isAdmin'])] = rng.pick([
        'x',
        1,
        true,
        null,
        crypto.randomUUID(),
        'platform_admin',
      ]);
      return value;
    }
    case 'huge-string':
      return anyString(rng.pick(['x', 'é', '😀']).repeat(rng.pick([100_000, 250_000])));
    case 'over-max-length':
      return anyString('y'.repeat(rng.pick([41, 101, 201, 255, 501, 4001, 10_001])));
    case 'huge-array': {
      const big = Array.from({ length: 10_000 }, (_, i) => (rng.chance(0.5) ? i : `v${i}`));
      if (arrays.length > 0) set(rng.pick(arrays), big);
      else if (objects.length > 0) rng.pick(objects)[rng.pick(['items', 'answers', 'x'])] = big;
      else return big;
      return value;
    }
    case 'over-max-items': {
      if (arrays.length === 0) return value;
      const slot = rng.pick(arrays);
      const items = slot.value as unknown[];
      const n = rng.pick([21, 51, 201, 1001]);
      set(
        slot,
        Array.from({ length: n }, (_, i) => structuredClone(items[i % Math.max(1, items.length)] ?? i)),
      );
      return value;
    }
    case 'unicode':
      return anyString(`${rng.pick(['', 'Badan ', 'A'])}${rng.pick(UNICODE_EDGES)}`);
    case 'prototype-key': {
      const key = rng.pick(PROTO_KEYS);
      const payload = rng.pick<unknown>([{ admin: true, role: 'platform_admin' }, 'x', null, { toString: 1 }]);
      const target = objects.length > 0 ? rng.pick(objects) : undefined;
      // defineProperty makes `__proto__` an own key, as JSON.parse would, so that JSON.stringify sends it
      if (target) Object.defineProperty(target, key, { value: payload, enumerable: true, configurable: true });
      else return JSON.parse(`{"${key}": ${JSON.stringify(payload)}}`);
      return value;
    }
    case 'injection':
      return anyString(rng.pick(INJECTIONS));
    case 'number-edge': {
      const numbers = all.filter((s) => typeof s.value === 'number');
      const edge = rng.pick([-1, 0, -0, 2 ** 31, 2 ** 53 + 1, 1e300, -1e300, 0.1 + 0.2, 1e-300]);
      if (numbers.length > 0) set(rng.pick(numbers), edge);
      else if (all.length > 0) set(rng.pick(all), edge);
      return value;
    }
  }
}

/** Whether a text carries what PostgreSQL cannot store: NUL, or a lone UTF-16 surrogate. */
export function hasUnstorableText(text: string): boolean {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the character under test
  if (/\u0000|%00|\\u0000/i.test(text)) return true;
  if (/\\ud[89a-f][0-9a-f]{2}|%ED%[AB][0-9A-F]/i.test(text)) return true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
