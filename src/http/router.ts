import { OpenAPIHono } from '@hono/zod-openapi';
import type { ZodError } from 'zod';
import type { AppEnv } from './context.ts';
import { AppError, type ProblemDetail } from './errors.ts';
import { issueDetail } from './messages.ts';

/**
 * Every zod issue as {path, message}; the path names where the input came from when it is not the body. The issue
 * rides along, so the answer words it in the caller's language (http/messages.ts).
 */
export function zodProblems(error: ZodError, target?: string): ProblemDetail[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const where = target && target !== 'json' ? `${target}${path ? `.${path}` : ''}` : path;
    return issueDetail({ path: where || '(root)', message: issue.message }, issue);
  });
}

/** Validation failures are 422 problem+json with every issue, not zod-openapi's default 400. */
export const validationHook = (result: { success: true } | { success: false; error: ZodError; target: string }) => {
  if (!result.success) {
    throw new AppError('VALIDATION_FAILED', 'The input breaks one or more rules.', {
      errors: zodProblems(result.error, result.target),
    });
  }
};

export function createRouter() {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

export type Router = ReturnType<typeof createRouter>;
