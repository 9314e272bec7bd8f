import type { TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import type { AppContext } from './context.ts';

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  // the verification screen previews evidence files (PDF, images) in a frame of our own origin; nothing else is framed
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

/** What the app does not use, denied to it and to anything it embeds. */
const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'camera=()',
  'display-capture=()',
  'geolocation=()',
  'gyroscope=()',
  'hid=()',
  'interest-cohort=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'publickey-credentials-get=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * The security headers of every response: Hono's secureHeaders defaults (less Cross-Origin-Embedder-Policy, which
 * would block evidence previews) with our Content-Security-Policy and a Permissions-Policy. X-Frame-Options says what
 * the CSP's frame-ancestors says (DENY: no page of ours is framed, not even by ourselves; an inline preview of an
 * evidence file gets its own: PREVIEW_HEADERS). HSTS is added only over https (`headersFor`): sent over
 * plain http it means nothing, and on a http-only deployment it would be a promise the server cannot keep.
 * Worked out once, not per request.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'permissions-policy': PERMISSIONS_POLICY,
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};
const HTTPS_HEADERS: Readonly<Record<string, string>> = {
  ...SECURITY_HEADERS,
  'strict-transport-security': 'max-age=15552000; includeSubDomains',
};
const HTTP_ENTRIES = Object.entries(SECURITY_HEADERS);
const HTTPS_ENTRIES = Object.entries(HTTPS_HEADERS);

/**
 * Whether the request reached us over https: PUBLIC_URL is https (TLS ends at a proxy in front of us), the request's
 * own URL is https, or, behind a trusted proxy (TRUST_PROXY), X-Forwarded-Proto says https.
 */
export function overHttps(c: AppContext): boolean {
  const deps = c.get('deps');
  if (deps.publicUrl.startsWith('https:') || c.req.url.startsWith('https:')) return true;
  if (!deps.trustProxy) return false;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The security headers for this request (with HSTS over https). */
export const headersFor = (c: AppContext) => (overHttps(c) ? HTTPS_HEADERS : SECURITY_HEADERS);

/**
 * The headers of an evidence file shown inline (a PDF or an image previewed beside its question): a sandbox with no
 * script, no plugin of the file's own and no same-origin rights (so a hostile file reaches nothing of the app), framed by
 * our own pages only, and its type never sniffed.
 */
export const PREVIEW_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'",
  'x-frame-options': 'SAMEORIGIN',
  'x-content-type-options': 'nosniff',
};

/** Responses that carry the preview's framing headers, which the app-wide ones must not replace. */
const PREVIEWS = new WeakSet<Response>();

/** Marks a response built with PREVIEW_HEADERS: `finishHeaders` adds the rest of the security headers around them. */
export function asPreview(res: Response): Response {
  for (const [name, value] of Object.entries(PREVIEW_HEADERS)) res.headers.set(name, value);
  PREVIEWS.add(res);
  return res;
}

/** Marks a response that already carries the security headers and the request id (see `jsonResponse`). */
const COMPLETE = new WeakSet<Response>();

/** Whether `jsonResponse` built this response (all headers in one object: the autosave's hot path). */
export const builtWhole = (res: Response): boolean => COMPLETE.has(res);

/** Adds the security headers and the request id to a finished response, unless it was built with them. */
export function finishHeaders(c: AppContext, requestId: string): void {
  const res = c.res;
  if (COMPLETE.has(res)) return;
  // on the response's own headers: c.header() on a finished response would rebuild it around a stream body
  const headers = res.headers;
  const preview = PREVIEWS.has(res);
  for (const [name, value] of overHttps(c) ? HTTPS_ENTRIES : HTTP_ENTRIES) {
    if (preview && name in PREVIEW_HEADERS) continue;
    headers.set(name, value);
  }
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
      ...headersFor(c),
      'content-type': 'application/json',
      'x-request-id': c.get('requestId'),
      ...headers,
    },
  });
  COMPLETE.add(res);
  return res as Response & TypedResponse<JSONParsed<T>, S, 'json'>;
}
