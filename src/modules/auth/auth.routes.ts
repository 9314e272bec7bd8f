import { createRoute, z } from '@hono/zod-openapi';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AppContext } from '../../http/context.ts';
import { ANONYMOUS, jsonBody, jsonContent, problems, SESSION, SESSION_OPTIONAL } from '../../http/openapi.ts';
import { createRouter } from '../../http/router.ts';
import { requireActor } from '../../http/session.ts';
import { AcceptInvitationSchema, InvitationInfoSchema, LoginSchema, UserEnvelopeSchema } from './auth.schemas.ts';
import * as service from './auth.service.ts';
import { DEVICE_COOKIE, LOGIN_THROTTLE } from './throttle.ts';

const TokenParam = z.object({
  token: z
    .string()
    .min(10)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' } }),
});

const loginRoute = createRoute({
  method: 'post',
  path: '/auth/login',
  operationId: 'login',
  tags: ['auth'],
  security: ANONYMOUS,
  summary: 'Sign in with e-mail and password; sets the session cookie',
  description:
    'Like every write, a sign-in from a browser must come from the application’s own origin (403 `ORIGIN_MISMATCH` ' +
    'otherwise; see the `session` security scheme). Failures are throttled with a growing back-off per address and ' +
    'per account (429 with Retry-After), except from a device or an address the account signed in from before ' +
    '(the `informatif_device` cookie, set on success; decision 016).',
  request: { body: jsonBody(LoginSchema) },
  responses: { 200: jsonContent(UserEnvelopeSchema, 'Signed in'), ...problems(400, 401, 403, 413, 415, 422, 429) },
});

const logoutRoute = createRoute({
  method: 'post',
  path: '/auth/logout',
  operationId: 'logout',
  tags: ['auth'],
  // signing out without a session is allowed (and does nothing)
  security: SESSION_OPTIONAL,
  summary: 'End the session',
  responses: { 204: { description: 'Signed out' }, ...problems(403, 413) },
});

const meRoute = createRoute({
  method: 'get',
  path: '/me',
  operationId: 'getMe',
  tags: ['auth'],
  security: SESSION,
  summary: 'The signed-in user with roles',
  responses: { 200: jsonContent(UserEnvelopeSchema, 'The user'), ...problems(401) },
});

const invitationRoute = createRoute({
  method: 'get',
  path: '/auth/invitations/{token}',
  operationId: 'getInvitation',
  tags: ['auth'],
  security: ANONYMOUS,
  summary: 'What an invitation is for (before accepting)',
  request: { params: TokenParam },
  responses: { 200: jsonContent(InvitationInfoSchema, 'The invitation'), ...problems(404, 422, 429) },
});

const acceptRoute = createRoute({
  method: 'post',
  path: '/auth/invitations/{token}/accept',
  operationId: 'acceptInvitation',
  tags: ['auth'],
  security: ANONYMOUS,
  summary:
    'Accept an invitation: choose a password (or give the one an existing account has) and sign in (works once, until it expires)',
  request: { params: TokenParam, body: jsonBody(AcceptInvitationSchema) },
  responses: { 200: jsonContent(UserEnvelopeSchema, 'Signed in'), ...problems(400, 401, 403, 404, 413, 415, 422, 429) },
});

function setSessionCookie(c: AppContext, session: { token: string; expiresAt: Date }) {
  const deps = c.get('deps');
  setCookie(c, service.SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.publicUrl.startsWith('https:'),
    path: '/',
    expires: session.expiresAt,
  });
}

/**
 * The device cookie (decision 016): a random token naming this browser as a place the account signed in from, so that
 * strangers' failures elsewhere do not hold its owner back. Long-lived, HttpOnly, SameSite=Strict, sent to the login only.
 */
function setDeviceCookie(c: AppContext, token: string) {
  setCookie(c, DEVICE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: c.get('deps').publicUrl.startsWith('https:'),
    path: '/api/auth/login',
    maxAge: LOGIN_THROTTLE.deviceMs / 1000,
  });
}

export const authRoutes = createRouter()
  .openapi(loginRoute, async (c) => {
    const deps = c.get('auth');
    const { session, device, user } = await service.login(
      deps,
      c.req.valid('json'),
      deps.clientIp(c),
      getCookie(c, DEVICE_COOKIE),
    );
    setSessionCookie(c, session);
    setDeviceCookie(c, device);
    return c.json({ user }, 200);
  })
  .openapi(logoutRoute, async (c) => {
    await service.logout(c.get('auth'), getCookie(c, service.SESSION_COOKIE));
    deleteCookie(c, service.SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  })
  .openapi(meRoute, async (c) => {
    const actor = requireActor(c);
    return c.json({ user: await service.describeUser(c.get('deps'), actor.userId) }, 200);
  })
  .openapi(invitationRoute, async (c) => {
    const deps = c.get('deps');
    return c.json(await service.describeInvitation(deps, c.req.valid('param').token, deps.clientIp(c)), 200);
  })
  .openapi(acceptRoute, async (c) => {
    const deps = c.get('deps');
    const { session, user } = await service.acceptInvitation(
      deps,
      c.req.valid('param').token,
      c.req.valid('json').password,
      deps.clientIp(c),
    );
    setSessionCookie(c, session);
    return c.json({ user }, 200);
  });
