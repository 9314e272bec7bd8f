import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/** An operation as the OpenAPI registry holds it: its method, its path (`{name}` for a segment), its security. */
export interface DocumentedOperation {
  method: string;
  path: string;
  security?: { [scheme: string]: string[] }[] | undefined;
}

/**
 * Whether anyone may call an operation: its `security` is empty (anonymous) or lists `{}`, no requirement, beside the
 * session (it works with a session and without, as the sign-out). An operation that names no security needs a session.
 */
export const isAnonymous = (op: DocumentedOperation) =>
  op.security !== undefined && (op.security.length === 0 || op.security.some((s) => Object.keys(s).length === 0));

/** A matcher of `METHOD path` for the anonymous operations (HEAD goes with GET). */
function anonymousMatcher(operations: readonly DocumentedOperation[]): (method: string, path: string) => boolean {
  const byMethod = new Map<string, RegExp[]>();
  for (const op of operations.filter(isAnonymous)) {
    const method = op.method.toUpperCase();
    const pattern = op.path
      .split('/')
      .map((part) => (/^\{.+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    byMethod.set(method, [...(byMethod.get(method) ?? []), new RegExp(`^${pattern}$`)]);
  }
  return (method, path) => !!byMethod.get(method === 'HEAD' ? 'GET' : method)?.some((p) => p.test(path));
}

/**
 * 401 for a caller without a session on every route the document does not mark anonymous (`security: []`); runs after
 * the session middleware. The document is the one list: a stranger learns nothing of a route's shape (400/415/422),
 * and a new route needs a session unless its contract says otherwise. `operations` is read at the first request,
 * once every router has registered its routes.
 */
export const requireSessionUnlessDocumented = (operations: () => readonly DocumentedOperation[]) => {
  let open: ((method: string, path: string) => boolean) | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('actor')) return next();
    open ??= anonymousMatcher(operations());
    if (open(c.req.method, c.req.path)) return next();
    throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  });
};
