import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { AppError, type ProblemDetail } from './errors.ts';

/**
 * Text PostgreSQL cannot store: the NUL character (text columns refuse it) and a lone UTF-16 surrogate (not Unicode,
 * so not UTF-8). Refused with 422 at the edge, in one place, so that no route meets it as a 500 from the database.
 */
const NUL = '\u0000';
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a string cannot be stored, or undefined when it can. */
export function badText(value: string): string | undefined {
  if (value.includes(NUL)) return 'Text may not contain the NUL character (U+0000).';
  if (LONE_SURROGATE.test(value)) return 'Text may not contain a lone UTF-16 surrogate (it is not valid Unicode).';
  return undefined;
}

/** Every string of a parsed JSON value (keys and values, any depth) that cannot be stored, with where it is. */
export function badTextIn(value: unknown, path = ''): ProblemDetail[] {
  const problems: ProblemDetail[] = [];
  const visit = (node: unknown, at: string) => {
    if (typeof node === 'string') {
      const message = badText(node);
      if (message) problems.push({ path: at || '(root)', message });
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => {
        visit(item, at ? `${at}.${i}` : String(i));
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [key, item] of Object.entries(node)) {
        const here = at ? `${at}.${key}` : key;
        const message = badText(key);
        if (message) problems.push({ path: here, message: `The key: ${message}` });
        visit(item, here);
      }
    }
  };
  visit(value, path);
  return problems;
}

/** Throws the 422 for `problems`, if any. */
export function refuseBadText(problems: ProblemDetail[]): void {
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', 'The input holds text that cannot be stored.', { errors: problems });
  }
}

/**
 * A NUL (%00) or an encoded surrogate (UTF-8 ED A0-BF xx, which no valid UTF-8 holds) in the path or the query string.
 * On the raw URL: the decoded forms differ by router and by parser, the bytes do not.
 */
const BAD_URL_TEXT = /%00|%ED%[AB][0-9A-F]/i;

function badUrlText(url: string): ProblemDetail[] {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  const queryAt = url.indexOf('?', start);
  const path = queryAt === -1 ? url.slice(start) : url.slice(start, queryAt);
  const problems: ProblemDetail[] = [];
  const message = 'Text may not contain the NUL character (%00) or an encoded lone surrogate.';
  if (BAD_URL_TEXT.test(path)) problems.push({ path: 'path', message });
  if (queryAt !== -1) {
    for (const pair of url.slice(queryAt + 1).split('&')) {
      if (!BAD_URL_TEXT.test(pair)) continue;
      const name = pair.split('=')[0] ?? '';
      problems.push({ path: `query.${BAD_URL_TEXT.test(name) ? '(name)' : decodeOr(name)}`, message });
    }
  }
  return problems;
}

const decodeOr = (text: string) => {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
};

const JSON_TYPE = /^application\/([a-z-.]+\+)?json/i;
/** A JSON escape that may spell a NUL or a surrogate; only a body holding one is walked (the autosave pays a regex). */
const SUSPECT_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/**
 * Refuses unstorable text in the URL and in JSON bodies before any route sees it. A JSON body is read here into Hono's
 * body cache (the route's validator parses that same text); only a body with an escape that may spell a NUL or a
 * surrogate is parsed and walked, so the autosave pays one regex scan. A raw NUL or control character in a JSON string
 * is not JSON: the validator refuses it (400), as it does any body that does not parse.
 */
export const textGuard = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const url = c.req.url;
    if (url.includes('%')) refuseBadText(badUrlText(url));
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD' || !JSON_TYPE.test(c.req.header('content-type') ?? '')) return next();
    const text = await c.req.text();
    if (SUSPECT_ESCAPE.test(text)) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return next();
      }
      refuseBadText(badTextIn(value));
    }
    return next();
  });
