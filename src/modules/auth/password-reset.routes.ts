import { createRoute, z } from '@hono/zod-openapi';
import { ANONYMOUS, jsonBody, jsonContent, problems } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import {
  PasswordResetAcceptedSchema,
  PasswordResetRequestSchema,
  PasswordResetSchema,
} from './password-reset.schemas.ts';
import * as service from './password-reset.service.ts';

const tags = ['auth'];

const requestRoute = createRoute({
  method: 'post',
  path: '/auth/password-reset',
  operationId: 'requestPasswordReset',
  tags,
  security: ANONYMOUS,
  summary: 'Ask for a password reset link by e-mail (“Lupa kata sandi”)',
  description:
    'Always 202 with the same answer, whether an account has this address or not; an account that can sign in gets ' +
    'a mail with a link `PUBLIC_URL/reset-password/<token>` (one hour, single use; a newer request supersedes it). ' +
    'Throttled per client address (429 with Retry-After) and per account (no further mail).',
  request: { body: jsonBody(PasswordResetRequestSchema) },
  responses: {
    202: jsonContent(PasswordResetAcceptedSchema, 'Accepted (whether or not a mail was sent)'),
    ...problems(400, 403, 413, 415, 422, 429),
  },
});

const resetRoute = createRoute({
  method: 'post',
  path: '/auth/password-reset/{token}',
  operationId: 'resetPassword',
  tags,
  security: ANONYMOUS,
  summary: 'Set a new password from a reset link; ends every session of the account (then sign in)',
  request: {
    params: z.object({
      token: z
        .string()
        .min(10)
        .max(200)
        .openapi({ param: { name: 'token', in: 'path' } }),
    }),
    body: jsonBody(PasswordResetSchema),
  },
  responses: { 204: { description: 'Password set' }, ...problems(400, 403, 404, 413, 415, 422, 429) },
});

export const passwordResetRoutes = createRouter()
  .openapi(requestRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await service.requestPasswordReset(deps, c.req.valid('json'), deps.clientIp(c)), 202);
  })
  .openapi(resetRoute, async (c) => {
    const deps = c.get('auth');
    await service.resetPassword(deps, c.req.valid('param').token, c.req.valid('json').password, deps.clientIp(c));
    return c.body(null, 204);
  });
