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
      .array(z.object({ path: z.string().optional(), line: z.number().int().optional(), message: z.string() }))
      .optional(),
  })
  .passthrough()
  .openapi('Problem');

const DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed request (JSON or CSV)',
  401: 'No valid session',
  403: 'The role may not do this, or a cross-origin write',
  404: 'Unknown id or route, or another tenant’s resource',
  409: 'Conflict with the current state',
  413: 'Body too large',
  415: 'Wrong content type',
  422: 'Input breaks a rule (every problem listed in `errors`)',
  428: '`If-Match` required',
  429: 'Throttled; see Retry-After',
  503: 'Database unavailable; see Retry-After',
};

/** Error responses of a route, each as problem+json. 503 is added to every route: any may meet a database outage. */
export function problems(...statuses: number[]) {
  const all = [...new Set([...statuses, 503])].sort();
  return Object.fromEntries(
    all.map((s) => [
      s,
      { description: DESCRIPTIONS[s] ?? 'Error', content: { 'application/problem+json': { schema: ProblemSchema } } },
    ]),
  );
}

/** Errors that every authenticated route can give. */
export const AUTHED = [401, 403, 404] as const;

export function jsonContent<T extends z.ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export const IdParam = (name: string) =>
  z
    .string()
    .min(1)
    .max(100)
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
