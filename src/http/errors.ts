import { MalformedCsvError } from '../lib/csv.ts';
import { InvalidIfMatchError } from '../lib/if-match.ts';
import { UploadError, type UploadRefusal } from '../lib/upload.ts';

/** The closed set of error codes and the one map from code to HTTP status (API.md's table). */
export const ERROR_STATUS = {
  MALFORMED_JSON: 400,
  MALFORMED_CSV: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  ORIGIN_MISMATCH: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ALREADY_EXISTS: 409,
  VERSION_CONFLICT: 409,
  INVITATION_USED: 409,
  STAGE_CLOSED: 409,
  INVALID_TRANSITION: 409,
  LOCKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_FAILED: 422,
  INVALID_CSV: 422,
  INCOMPLETE_SUBMISSION: 422,
  PRECONDITION_REQUIRED: 428,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  DATABASE_UNAVAILABLE: 503,
  PDF_UNAVAILABLE: 503,
  CARRIED_UNCONFIRMED: 409,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export type ErrorStatus = (typeof ERROR_STATUS)[ErrorCode];

const TITLES: Record<ErrorCode, string> = {
  MALFORMED_JSON: 'Malformed JSON',
  MALFORMED_CSV: 'Malformed CSV',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Not signed in',
  INVALID_CREDENTIALS: 'Invalid credentials',
  FORBIDDEN: 'Forbidden',
  ORIGIN_MISMATCH: 'Cross-origin write refused',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  ALREADY_EXISTS: 'Already exists',
  VERSION_CONFLICT: 'Version conflict',
  INVITATION_USED: 'Invitation already used',
  STAGE_CLOSED: 'Stage closed',
  INVALID_TRANSITION: 'Invalid stage move',
  LOCKED: 'Locked',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  VALIDATION_FAILED: 'Validation failed',
  INVALID_CSV: 'Invalid CSV',
  INCOMPLETE_SUBMISSION: 'Incomplete submission',
  PRECONDITION_REQUIRED: 'Precondition required',
  TOO_MANY_REQUESTS: 'Too many requests',
  INTERNAL: 'Internal server error',
  DATABASE_UNAVAILABLE: 'Database unavailable',
  PDF_UNAVAILABLE: 'PDF rendering unavailable',
  CARRIED_UNCONFIRMED: 'Carried answers unconfirmed',
};

export interface ProblemDetail {
  path?: string;
  line?: number;
  message: string;
}

/** The one error type of the app: a stable code, a human detail and extension members (errors, current, ...). */
export class AppError extends Error {
  readonly status: ErrorStatus;
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(`${code}: ${detail}`);
    this.status = ERROR_STATUS[code];
  }

  withCause(cause: unknown): this {
    Object.defineProperty(this, 'cause', { value: cause, enumerable: false });
    return this;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  [extension: string]: unknown;
}

export function problemOf(error: AppError, instance?: string): Problem {
  return {
    type: `/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code],
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...error.extra,
  };
}

export const notFound = (what = 'resource') => new AppError('NOT_FOUND', `No such ${what}.`);
export const forbidden = (detail = 'Your role may not do this.') => new AppError('FORBIDDEN', detail);
export const validationFailed = (errors: ProblemDetail[], detail = 'The input breaks one or more rules.') =>
  new AppError('VALIDATION_FAILED', detail, { errors });

const UPLOAD_CODES: Record<UploadRefusal, ErrorCode> = {
  'not-multipart': 'UNSUPPORTED_MEDIA_TYPE',
  unreadable: 'BAD_REQUEST',
  'too-large': 'PAYLOAD_TOO_LARGE',
  'no-file': 'VALIDATION_FAILED',
};

/**
 * The AppError an error stands for: itself, or the answer to an error a helper in src/lib/ threw (lib/ knows nothing
 * of HTTP, decision 008); undefined for anything else (a bug or an outage, which app.onError handles apart).
 */
export function appErrorOf(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof MalformedCsvError) {
    return new AppError('MALFORMED_CSV', error.message, {
      errors: [{ line: error.line, message: error.reason }],
    }).withCause(error);
  }
  if (error instanceof InvalidIfMatchError) {
    return new AppError('VALIDATION_FAILED', error.message, {
      errors: [{ path: 'header.if-match', message: 'Expected a version number' }],
    }).withCause(error);
  }
  if (error instanceof UploadError) {
    const extra = error.reason === 'no-file' ? { errors: [{ path: 'file', message: 'Required' }] } : {};
    return new AppError(UPLOAD_CODES[error.reason], error.message, extra).withCause(error);
  }
  return undefined;
}

/**
 * Errors of a database handle that has been shut down: a closed PGlite throws plain errors (no code), and so does a
 * destroyed Kysely. Requests still in flight while the server stops meet them; they get a 503, not a 500.
 */
const CLOSED_MESSAGES = new Set(['PGlite is closed', 'PGlite is closing', 'driver has already been destroyed']);

/**
 * True when an error means the database could not be reached (connection refused, reset, timed out, shut down) or did
 * not answer in time (a statement or lock wait cancelled by the session's limits).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as { code?: unknown; errno?: unknown; cause?: unknown; message?: unknown };
    const code = typeof e.code === 'string' ? e.code : '';
    if (current instanceof Error && CLOSED_MESSAGES.has(current.message)) return true;
    if (
      [
        'ECONNREFUSED',
        'ECONNRESET',
        'ETIMEDOUT',
        'EPIPE',
        'ENOTFOUND',
        'EHOSTUNREACH',
        'CONNECT_TIMEOUT',
        'CONNECTION_CLOSED',
        'CONNECTION_ENDED',
        'CONNECTION_DESTROYED',
        '57P01',
        '57P02',
        '57P03',
        '53300',
        // cancelled by the session's limits (src/db/postgres.ts): a statement or a lock wait that took too long
        '57014',
        '55P03',
      ].includes(code) ||
      // class 08 is connection exceptions, except 08P01: a protocol violation is our bug, not an outage
      (code.startsWith('08') && code !== '08P01')
    ) {
      return true;
    }
    current = e.cause;
  }
  return false;
}
