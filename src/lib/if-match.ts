import { AppError } from '../http/errors.ts';

/** Reads a version from If-Match (`3`, `"3"` or `W/"3"`); undefined when absent, 422 when not a version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m?.[1]) {
    throw new AppError('VALIDATION_FAILED', 'If-Match must carry a version number.', {
      errors: [{ path: 'header.if-match', message: 'Expected a version number' }],
    });
  }
  return Number(m[1]);
}
