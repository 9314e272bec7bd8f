import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { type DocumentedOperation, requireSessionUnlessDocumented } from './http/authenticate.ts';
import { compressJson } from './http/compress.ts';
import type { AppContext, AppDeps, AppEnv } from './http/context.ts';
import { AppError, appErrorOf, isDatabaseUnavailable, problemOf } from './http/errors.ts';
import { localizeProblem, requestLanguage } from './http/messages.ts';
import { ANONYMOUS, problems, SESSION_SCHEME, sessionSecurityScheme, TAGS } from './http/openapi.ts';
import { validationHook } from './http/router.ts';
import { finishHeaders } from './http/security-headers.ts';
import { sessionMiddleware } from './http/session.ts';
import { textGuard } from './http/text-guard.ts';
import { randomToken } from './lib/tokens.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { actorForToken, SESSION_COOKIE } from './modules/auth/auth.service.ts';
import { type AuthState, createAuthState } from './modules/auth/auth-state.ts';
import { passwordResetRoutes } from './modules/auth/password-reset.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { outboxRoutes } from './modules/outbox/outbox.routes.ts';
import { overviewRoutes } from './modules/overview/overview.routes.ts';
import { panelRoutes } from './modules/panel/panel.routes.ts';
import { certificatePdfRoutes } from './modules/pdf/certificate-pdf.routes.ts';
import { certificatesZipRoutes } from './modules/pdf/certificates-zip.routes.ts';
import { reportPdfRoutes } from './modules/pdf/report-pdf.routes.ts';
import { scorecardPdfRoutes } from './modules/pdf/scorecard-pdf.routes.ts';
import { periodsRoutes } from './modules/periods/periods.routes.ts';
import { registryRoutes } from './modules/registry/registry.routes.ts';
import { usersRoutes } from './modules/registry/users.routes.ts';
import { historyRoutes } from './modules/results/history.routes.ts';
import { publicRoutes } from './modules/results/public.routes.ts';
import { resultsRoutes } from './modules/results/results.routes.ts';
import { assignmentsRoutes } from './modules/review/assignments.routes.ts';
import { clarificationsRoutes } from './modules/review/clarifications.routes.ts';
import { objectionsRoutes } from './modules/review/objections.routes.ts';
import { verificationRoutes } from './modules/review/verification.routes.ts';
import { scorecardRoutes } from './modules/scorecard/scorecard.routes.ts';
import { type AutosaveState, createAutosaveState } from './modules/submissions/autosave-state.ts';
import { submissionsRoutes } from './modules/submissions/submissions.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';

export const JSON_LIMIT = 1024 * 1024;
export const CSV_LIMIT = 10 * 1024 * 1024;

/** Paths with secrets in them (invitation tokens) are logged with the secret replaced. */
const redactPath = (path: string) => path.replace(/(\/invitations\/)[^/]+/, '$1:token');

/**
 * An error as problem+json in the request's language (Accept-Language; issue 25 item 8): `field` labels only when the
 * request names a language, so earlier clients see the shape they knew. With `deps.markUntranslated` (tests), texts
 * left in English for lack of a catalogue entry are named in `X-Untranslated-Messages` (URI-encoded, `|`-separated).
 */
function problemResponse(c: AppContext, error: AppError) {
  for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
  const header = c.req.header('accept-language');
  const lang = requestLanguage(header);
  const { problem, untranslated } = localizeProblem(problemOf(error, c.get('requestId'), lang), lang, !!header);
  c.header('Content-Language', lang);
  c.header('Vary', 'Accept-Language', { append: true });
  if (untranslated.length > 0 && c.get('deps')?.markUntranslated) {
    c.header('X-Untranslated-Messages', encodeURIComponent(untranslated.join('|').slice(0, 2000)));
  }
  return c.json(problem, error.status, {
    'Content-Type': 'application/problem+json',
  });
}

/**
 * Builds the whole app from its dependencies; Node, Workers and tests call this the same way. State that lives across
 * requests (the autosave's caches and group-commit queue, the session cache) is built here, once per app, so that two apps in one process
 * share nothing; a test may pass its own to look into it.
 */
export function createApp(deps: AppDeps, state: { autosave?: AutosaveState; auth?: AuthState } = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const submissions = { ...deps, autosave: state.autosave ?? createAutosaveState(deps.db) };
  const auth = { ...deps, auth: state.auth ?? createAuthState() };
  // request ids: a random prefix per app and a counter (no random bytes per request on the hot path)
  const idPrefix = randomToken(6);
  let requests = 0;

  app.use('*', async (c, next) => {
    const incoming = c.req.header('x-request-id');
    const requestId =
      incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : `${idPrefix}${(++requests).toString(36)}`;
    c.set('requestId', requestId);
    c.set('deps', deps);
    c.set('submissions', submissions);
    c.set('auth', auth);
    c.set('actor', null);
    const started = performance.now();
    await next();
    finishHeaders(c, requestId);
    if (c.req.path.startsWith('/api/')) {
      deps.logger.info('request', {
        requestId,
        method: c.req.method,
        path: redactPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        userId: c.get('actor')?.userId,
      });
    }
  });

  app.use('/api/*', compressJson());
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const type = c.req.header('content-type') ?? '';
    // uploads: the file limit plus room for the multipart framing; the receiver enforces the file's own limit
    const maxSize = /^multipart\/form-data/i.test(type)
      ? (deps.files?.limit ?? 0) + 64 * 1024
      : /^text\/(csv|plain)|^application\/csv/i.test(type)
        ? CSV_LIMIT
        : JSON_LIMIT;
    const tooLarge = () => {
      throw new AppError('PAYLOAD_TOO_LARGE', `The request body is over ${Math.round(maxSize / 1024 / 1024)} MB.`);
    };
    // a declared length is checked as declared (the server reads no more than it); only a body without one is
    // counted as it streams. Checking the header directly spares building a web stream for every autosave.
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(length) > maxSize ? tooLarge() : next();
    }
    return bodyLimit({
      maxSize,
      onError: tooLarge,
    })(c, next);
  });
  app.use(
    '/api/*',
    sessionMiddleware({
      cookie: SESSION_COOKIE,
      actorFor: (token) => actorForToken(auth, token),
      writeOrigins: deps.writeOrigins ?? [new URL(deps.publicUrl).origin],
    }),
  );
  // who before what: a caller without a session learns nothing of a route's shape; then text no column can store
  // the routes anyone may call are those whose contract says `security: []` (one list: the document's)
  app.use(
    '/api/*',
    requireSessionUnlessDocumented(() =>
      app.openAPIRegistry.definitions.flatMap((d) => (d.type === 'route' ? [d.route as DocumentedOperation] : [])),
    ),
  );
  app.use('/api/*', textGuard());

  app.route('/api', systemRoutes);
  app.route('/api', authRoutes);
  app.route('/api', registryRoutes);
  app.route('/api', periodsRoutes);
  app.route('/api', resultsRoutes);
  app.route('/api', submissionsRoutes);
  app.route('/api', assignmentsRoutes);
  app.route('/api', verificationRoutes);
  app.route('/api', clarificationsRoutes);
  app.route('/api', objectionsRoutes);
  app.route('/api', panelRoutes);
  app.route('/api', outboxRoutes);
  app.route('/api', historyRoutes);
  app.route('/api', publicRoutes);
  app.route('/api', dashboardRoutes);
  app.route('/api', scorecardRoutes);
  // the PDFs (issue 24)
  app.route('/api', reportPdfRoutes);
  app.route('/api', scorecardPdfRoutes);
  app.route('/api', certificatePdfRoutes);
  app.route('/api', certificatesZipRoutes);
  app.route('/api', passwordResetRoutes);
  app.route('/api', usersRoutes);
  // the admin's overview, the submissions' CSV and the SAQ reminders (issue 25, item 5)
  app.route('/api', overviewRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', SESSION_SCHEME, sessionSecurityScheme(SESSION_COOKIE));
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['system'],
    security: ANONYMOUS,
    summary: 'This document (OpenAPI 3.1)',
    responses: {
      200: { description: 'The OpenAPI document', content: { 'application/json': { schema: {} } } },
      ...problems(),
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/docs',
    operationId: 'getApiReference',
    tags: ['system'],
    security: ANONYMOUS,
    summary: 'The API reference page (HTML)',
    responses: {
      200: { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } },
      // served from the built web client: a 404 without it
      ...problems(404),
    },
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Informatif API',
      version: '0.1.0',
      description:
        'Monev Keterbukaan Informasi Publik: registry, self-assessment, verification, results and certificates. ' +
        'Errors are RFC 9457 problem+json with a stable `code`.',
    },
    servers: [{ url: deps.publicUrl }],
    tags: TAGS,
  });

  app.get('/api/docs', async (c) => {
    const page = await deps.serveStatic?.(c, '/api-docs.html');
    if (!page)
      throw new AppError('NOT_FOUND', 'The API reference is served from the built web client (npm run build).');
    return page;
  });

  app.all('/api/*', (c) => {
    throw new AppError('NOT_FOUND', `No route ${c.req.method} ${redactPath(c.req.path)}.`);
  });

  // the web client: files of the build, and index.html for every other GET (client-side routes)
  app.get('*', async (c) => {
    const file = (await deps.serveStatic?.(c, c.req.path)) ?? (await deps.serveStatic?.(c, '/index.html'));
    if (!file) throw new AppError('NOT_FOUND', 'The web client is not built (npm run build).');
    return file;
  });

  app.notFound((c) =>
    problemResponse(c, new AppError('NOT_FOUND', `No route ${c.req.method} ${redactPath(c.req.path)}.`)),
  );

  app.onError((error, c) => {
    const known = appErrorOf(error);
    if (known) return problemResponse(c, known);
    if (error instanceof HTTPException) {
      const message = error.message || 'Bad request';
      if (error.status === 400 && /json/i.test(message)) {
        return problemResponse(c, new AppError('MALFORMED_JSON', 'The request body is not valid JSON.'));
      }
      if (error.status === 413) return problemResponse(c, new AppError('PAYLOAD_TOO_LARGE', message));
      if (error.status === 415 || /content-type/i.test(message)) {
        return problemResponse(c, new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
      }
      return problemResponse(c, new AppError('BAD_REQUEST', message));
    }
    if (isDatabaseUnavailable(error)) {
      deps.logger.error('database.unavailable', { requestId: c.get('requestId'), error: String(error) });
      return problemResponse(
        c,
        new AppError(
          'DATABASE_UNAVAILABLE',
          'The database does not answer; try again shortly.',
          {},
          { 'Retry-After': '5' },
        ),
      );
    }
    deps.logger.error('unhandled', {
      requestId: c.get('requestId'),
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    });
    return problemResponse(c, new AppError('INTERNAL', 'Something went wrong on our side; it has been logged.'));
  });

  return app;
}

export type App = ReturnType<typeof createApp>;
