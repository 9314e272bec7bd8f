import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './context.ts';
import { AppError } from './errors.ts';

/**
 * Routes anyone may call, as `METHOD /path` with `:name` for a path segment (HEAD goes with GET). Every other /api
 * route needs a session: the gate answers 401 before the route reads its body, so a stranger learns nothing of a
 * route's shape (400/415/422), and a new route is authenticated unless it is added here.
 */
export type AnonymousRoute = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /${string}`;

function compile(routes: readonly AnonymousRoute[]): Map<string, RegExp[]> {
  const byMethod = new Map<string, RegExp[]>();
  for (const route of routes) {
    const [method = '', path = ''] = route.split(' ');
    const pattern = path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    const list = byMethod.get(method) ?? [];
    list.push(new RegExp(`^${pattern}$`));
    byMethod.set(method, list);
  }
  return byMethod;
}

/** 401 for a caller without a session on every route but `anonymous`; runs after the session middleware. */
export const requireSessionUnless = (anonymous: readonly AnonymousRoute[]) => {
  const open = compile(anonymous);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get('actor')) return next();
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const path = c.req.path;
    if (open.get(method)?.some((pattern) => pattern.test(path))) return next();
    throw new AppError('UNAUTHENTICATED', 'Sign in first.');
  });
};
