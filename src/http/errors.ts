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

/** Each code's title in both languages (issue 25 item 8). */
export const TITLES: Record<ErrorCode, { en: string; id: string }> = {
  MALFORMED_JSON: { en: 'Malformed JSON', id: 'JSON tidak valid' },
  MALFORMED_CSV: { en: 'Malformed CSV', id: 'CSV tidak dapat dibaca' },
  BAD_REQUEST: { en: 'Bad request', id: 'Permintaan tidak valid' },
  UNAUTHENTICATED: { en: 'Not signed in', id: 'Belum masuk' },
  INVALID_CREDENTIALS: { en: 'Invalid credentials', id: 'Data masuk salah' },
  FORBIDDEN: { en: 'Forbidden', id: 'Tidak diizinkan' },
  ORIGIN_MISMATCH: { en: 'Cross-origin write refused', id: 'Penulisan dari alamat lain ditolak' },
  NOT_FOUND: { en: 'Not found', id: 'Tidak ditemukan' },
  CONFLICT: { en: 'Conflict', id: 'Konflik' },
  ALREADY_EXISTS: { en: 'Already exists', id: 'Sudah ada' },
  VERSION_CONFLICT: { en: 'Version conflict', id: 'Konflik versi' },
  INVITATION_USED: { en: 'Invitation already used', id: 'Undangan sudah digunakan' },
  STAGE_CLOSED: { en: 'Stage closed', id: 'Tahap ditutup' },
  INVALID_TRANSITION: { en: 'Invalid stage move', id: 'Perpindahan tahap tidak valid' },
  LOCKED: { en: 'Locked', id: 'Terkunci' },
  PAYLOAD_TOO_LARGE: { en: 'Payload too large', id: 'Data terlalu besar' },
  UNSUPPORTED_MEDIA_TYPE: { en: 'Unsupported media type', id: 'Jenis konten tidak didukung' },
  VALIDATION_FAILED: { en: 'Validation failed', id: 'Validasi gagal' },
  INVALID_CSV: { en: 'Invalid CSV', id: 'CSV tidak valid' },
  INCOMPLETE_SUBMISSION: { en: 'Incomplete submission', id: 'Pengisian belum lengkap' },
  PRECONDITION_REQUIRED: { en: 'Precondition required', id: 'Prasyarat diperlukan' },
  TOO_MANY_REQUESTS: { en: 'Too many requests', id: 'Terlalu banyak permintaan' },
  INTERNAL: { en: 'Internal server error', id: 'Kesalahan server' },
  DATABASE_UNAVAILABLE: { en: 'Database unavailable', id: 'Basis data tidak tersedia' },
  PDF_UNAVAILABLE: { en: 'PDF rendering unavailable', id: 'Pembuatan PDF tidak tersedia' },
  CARRIED_UNCONFIRMED: { en: 'Carried answers unconfirmed', id: 'Jawaban salinan belum dikonfirmasi' },
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

/** The problem+json of an error; its title in `lang` (the detail and errors are translated by http/messages.ts). */
export function problemOf(error: AppError, instance?: string, lang: 'en' | 'id' = 'en'): Problem {
  return {
    type: `/problems/${error.code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[error.code][lang],
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
