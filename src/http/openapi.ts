import { z } from '@hono/zod-openapi';
import { ERROR_STATUS } from './errors.ts';

/** The problem+json shape, documented once and referenced by every route's error responses. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.enum(Object.keys(ERROR_STATUS) as [keyof typeof ERROR_STATUS, ...(keyof typeof ERROR_STATUS)[]]),
    errors: z
      .array(
        z.object({
          path: z.string().optional(),
          line: z.number().int().optional(),
          message: z.string(),
          // the field's label in the request's language, when the request names one (Accept-Language)
          field: z.string().optional(),
        }),
      )
      .optional(),
  })
  .passthrough()
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (JSON or CSV)',
  401: 'No valid session',
  403: 'The role may not do this (FORBIDDEN), or a cookie-authenticated write from another origin (ORIGIN_MISMATCH)',
  404: 'Unknown id or route, or another tenant’s resource',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Wrong content type',
  422: 'Input breaks a rule (every problem listed in `errors`)',
  428: '`If-Match` required',
  429: 'Throttled; see Retry-After',
  503: 'Database unavailable; see Retry-After',
};

/**
 * Error responses of a route, each as problem+json. 422 and 503 are added to every route: any may be sent text that
 * PostgreSQL cannot store in its path or query (src/http/text-guard.ts refuses it with 422, declared parameters or
 * not), and any may meet a database outage.
 */
export function problems(...statuses: number[]) {
  const all = [...new Set([...statuses, 422, 503])].sort();
  return Object.fromEntries(
    all.map((s) => [
      s,
      { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}

/**
 * The errors of the two usual kinds of route with a session: a read addressed by path or query (401 signed out, 403
 * role, 404 id, 422 bad text in the path or query, 503) and a JSON write (plus 400 unparsable, 409 state, 413 size,
 * 415 type, and 403 for a cross-origin write too).
 */
export const READ_ERRORS = [401, 403, 404, 422] as const;
export const WRITE_ERRORS = [400, 401, 403, 404, 409, 413, 415, 422] as const;

/** The name of the session cookie's security scheme in `components.securitySchemes`. */
export const SESSION_SCHEME = 'session';

type Security = { [scheme: string]: string[] }[];

/** `security` of an operation that needs the session cookie. */
export const SESSION: Security = [{ [SESSION_SCHEME]: [] }];
/** `security` of an operation anyone may call: it reads no session. */
export const ANONYMOUS: Security = [];
/** `security` of an operation that uses a session when there is one, and works without (sign out). */
export const SESSION_OPTIONAL: Security = [{ [SESSION_SCHEME]: [] }, {}];

/**
 * The session cookie as a security scheme, with the Origin rule of cookie-authenticated writes
 * (docs/decisions/003-csrf-origin-check.md). The cookie's name is the auth module's, handed in by createApp.
 */
export function sessionSecurityScheme(cookie: string) {
  return {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: cookie,
    description:
      'The session cookie set by `POST /api/auth/login` or by accepting an invitation (HttpOnly, SameSite=Lax). ' +
      'A write (POST, PUT, PATCH, DELETE) that carries it must come from the application’s own origin: its `Origin` ' +
      'header must be the origin of PUBLIC_URL or, with PUBLIC_URL unset, one of the loopback names of the ' +
      'server’s port (http://localhost:PORT, http://127.0.0.1:PORT, http://[::1]:PORT). Any other Origin, or none ' +
      'with `Sec-Fetch-Site: cross-site`, is refused with 403 `ORIGIN_MISMATCH`. A client that is not a browser may ' +
      'leave out both headers.',
  };
}

/** The tags of the document, declared and described once (every operation has one of them). */
export const TAGS = [
  { name: 'system', description: 'Health, and this document' },
  { name: 'auth', description: 'Sign in and out, the signed-in user, invitations' },
  { name: 'registry', description: 'Commissions, categories of bodies, public bodies and the people of a commission' },
  { name: 'periods', description: 'Evaluation periods: methodology, schedule, stages and questionnaires' },
  { name: 'submissions', description: 'Self-assessments: answers, evidence files, submission and its history' },
  {
    name: 'review',
    description: 'Verification: assignment, workload, item-level verification, clarifications, objections',
  },
  { name: 'panel', description: 'The presentation panel: jurors, their scores, divergence and calibration' },
  { name: 'notifications', description: 'The outbox of e-mails and notices' },
  { name: 'results', description: 'Scores and outcomes of a period: preview, publication, versions, corrections' },
  { name: 'public', description: 'Published results, open data and certificate checks, without signing in' },
  { name: 'dashboard', description: 'The leadership dashboard: distributions, trends, participation, progress' },
];

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

/**
 * The length limits the contract shares across modules, for requests and answers alike (what a request may store, an
 * answer may hold): within the columns they land in, published as maxLength.
 */
export const LIMIT = {
  id: 100,
  code: 40,
  /** a person's, a commission's, a category's name */
  name: 200,
  bodyName: 300,
  /** RFC 5321's longest address */
  email: 254,
  url: 500,
  province: 100,
} as const;

export const IdParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(LIMIT.id)
    .openapi({ param: { name, in: 'path' }, example: 'b3f1c9e2-...' });

/**
 * The If-Match request header, documented on the routes that take it. Routes read it with `parseIfMatch` rather
 * than a header validator, which would copy every request header into an object on each call (autosave's hot path).
 */
export const IF_MATCH_PARAMETER = {
  in: 'header' as const,
  name: 'If-Match',
  required: false,
  description: 'The version last seen: `3`, `"3"` or `W/"3"`',
  schema: { type: 'string' as const },
};
