import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppContext } from './context.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/**
 * The security headers of every response: Hono's secureHeaders defaults (less Cross-Origin-Embedder-Policy, which
 * would block evidence previews) with our Content-Security-Policy. Worked out once, not per request.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const ENTRIES = Object.entries(SECURITY_HEADERS);

/** Marks a response that already carries the security headers and the request id (see `jsonResponse`). */
const COMPLETE = new WeakSet<Response>();

/** Adds the security headers and the request id to a finished response, unless it was built with them. */
export function finishHeaders(c: AppContext, requestId: string): void {
  const res = c.res;
  if (COMPLETE.has(res)) return;
  // on the response's own headers: c.header() on a finished response would rebuild it around a stream body
  const headers = res.headers;
  for (const [name, value] of ENTRIES) headers.set(name, value);
  headers.set('x-request-id', requestId);
}

/**
 * A JSON response with all of its headers in one plain object. On Node the adapter writes such a response as it is,
 * where c.json() would build and sort a Headers object and the headers middleware would then set a dozen more: this
 * is the autosave's hot path. Same headers, same body as c.json() (a test holds them together).
 */
export function jsonResponse<T, S extends 200 | 201>(
  c: AppContext,
  body: T,
  status: S,
  headers: Record<string, string> = {},
): Response & TypedResponse<JSONParsed<T>, S, 'json'> {
  const res = new Response(JSON.stringify(body), {
    status,
    headers: {
      ...SECURITY_HEADERS,
      'content-type': 'application/json',
      'x-request-id': c.get('requestId'),
      ...headers,
    },
  });
  COMPLETE.add(res);
  return res as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
