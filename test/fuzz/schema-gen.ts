/** Values from JSON Schema (the OpenAPI 3.1 dialect the document uses), drawn from a seeded generator. */

export type Schema = Record<string, any>;

/** A small seeded generator (mulberry32): the same seed gives the same cases on every machine and Node version. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from nothing');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Follows local `$ref`s (`#/components/...`) in the document. */
export function resolve(doc: Schema, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; i < 20 && typeof s.$ref === 'string'; i++) {
    const parts = (s.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    s = parts.reduce<any>((node, key) => node?.[key], doc) ?? {};
  }
  return s;
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function word(rng: Rng, min: number, max: number): string {
  const length = rng.int(min, max);
  let out = '';
  for (let i = 0; i < length; i++) out += rng.pick([...ALNUM, ' ', '-']);
  // a leading or trailing space is trimmed by some schemas, which would move the value below its minLength
  return out.replace(/^\s|\s$/g, 'x');
}

/** Chars of a character class such as `[A-Z0-9_-]`; undefined when it is not a plain class. */
function classChars(body: string): string[] | undefined {
  const chars: string[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const next = body[i + 1];
    if (c === '\\') return undefined;
    if (next === '-' && i + 2 < body.length) {
      const end = body[i + 2] as string;
      for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++) chars.push(String.fromCharCode(code));
      i += 2;
    } else chars.push(c);
  }
  return chars.length > 0 ? chars : undefined;
}

/** A string matching a simple anchored pattern (classes, `\d`, literals; `+`, `*`, `{n}`, `{n,m}`), or undefined. */
export function fromPattern(pattern: string, rng: Rng, maxLength = 40): string | undefined {
  const m = /^\^(.*)\$$/.exec(pattern);
  if (!m) return undefined;
  const source = m[1] as string;
  let out = '';
  let i = 0;
  while (i < source.length) {
    let chars: string[] | undefined;
    const c = source[i] as string;
    if (c === '[') {
      const end = source.indexOf(']', i);
      if (end < 0) return undefined;
      chars = classChars(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '\\') {
      const e = source[i + 1];
      if (e === 'd') chars = [...'0123456789'];
      else if (e && /[.\-/\\]/.test(e)) chars = [e];
      i += 2;
    } else if (/[A-Za-z0-9_\-:/ ]/.test(c)) {
      chars = [c];
      i += 1;
    }
    if (!chars) return undefined;
    let min = 1;
    let max = 1;
    const q = source[i];
    if (q === '+' || q === '*') {
      min = q === '+' ? 1 : 0;
      max = 8;
      i += 1;
    } else if (q === '{') {
      const end = source.indexOf('}', i);
      const [a, b] = source.slice(i + 1, end).split(',');
      min = Number(a);
      max = b === undefined ? min : b === '' ? min + 8 : Number(b);
      i = end + 1;
    }
    const n = rng.int(min, max);
    for (let k = 0; k < n; k++) out += rng.pick(chars);
  }
  return out.length <= maxLength ? out : undefined;
}

function stringOf(schema: Schema, rng: Rng): string {
  const min = schema.minLength ?? 0;
  const max = Math.min(schema.maxLength ?? 24, Math.max(min, 24));
  switch (schema.format) {
    case 'email':
      return `fuzz${rng.int(0, 1e6)}@fuzz.example`;
    case 'uuid':
      return crypto.randomUUID();
    case 'date-time':
      return new Date(Date.UTC(2026, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23))).toISOString();
    case 'date':
      return `2026-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    case 'uri':
    case 'url':
      return `https://example.org/${word(rng, 1, 10).replace(/\s/g, '')}`;
  }
  if (typeof schema.pattern === 'string') {
    let valid: RegExp | undefined;
    try {
      valid = new RegExp(schema.pattern);
    } catch {
      valid = undefined;
    }
    for (let attempt = 0; attempt < 5; attempt++) {
      const s = fromPattern(schema.pattern, rng, max);
      if (s !== undefined && s.length >= min && (!valid || valid.test(s))) return s;
    }
  }
  return word(rng, min, max);
}

/** A value the schema accepts (as far as a generator without a solver can tell): the base every mutation starts from. */
export function generate(doc: Schema, input: Schema | undefined, rng: Rng, depth = 0): unknown {
  const schema = resolve(doc, input);
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return rng.pick(schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    // deep inside a value, prefer an alternative that ends the recursion
    const pool = depth > 6 ? alternatives.filter((a: Schema) => resolve(doc, a).type !== 'object') : alternatives;
    return generate(doc, rng.pick(pool.length > 0 ? pool : alternatives), rng, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const merged = Object.assign({}, ...schema.allOf.map((s: Schema) => generate(doc, s, rng, depth + 1)));
    return merged;
  }
  let type = schema.type;
  if (Array.isArray(type)) {
    const nonNull = type.filter((t: string) => t !== 'null');
    type = nonNull.length > 0 && !rng.chance(0.1) ? rng.pick(nonNull) : rng.pick(type);
  }
  if (!type) type = schema.properties ? 'object' : schema.items ? 'array' : 'string';
  switch (type) {
    case 'null':
      return null;
    case 'boolean':
      return rng.chance(0.5);
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 0);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : min + 100);
      const n = rng.int(Math.ceil(min), Math.floor(Math.max(min, max)));
      return type === 'number' && rng.chance(0.3) && n < max ? n + 0.5 : n;
    }
    case 'string':
      return stringOf(schema, rng);
    case 'array': {
      const min = schema.minItems ?? 0;
      const max = Math.min(schema.maxItems ?? min + 3, min + 3);
      const n = depth > 8 ? min : rng.int(min, max);
      return Array.from({ length: n }, () => generate(doc, schema.items, rng, depth + 1));
    }
    default: {
      const out: Record<string, unknown> = {};
      const required: string[] = schema.required ?? [];
      for (const [key, sub] of Object.entries<Schema>(schema.properties ?? {})) {
        if (required.includes(key) || (depth < 8 && rng.chance(0.5))) out[key] = generate(doc, sub, rng, depth + 1);
      }
      return out;
    }
  }
}
