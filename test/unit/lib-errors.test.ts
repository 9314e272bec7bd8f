import { describe, expect, it } from 'vitest';
import { AppError, appErrorOf, problemOf } from '../../src/http/errors.ts';
import { MalformedCsvError } from '../../src/lib/csv.ts';
import { InvalidIfMatchError } from '../../src/lib/if-match.ts';
import { UploadError } from '../../src/lib/upload.ts';

/** lib/ throws errors of its own and knows no HTTP; http/errors.ts answers them as the API always did (decision 008). */
describe('appErrorOf: the errors of lib/ as problems', () => {
  it('answers each upload refusal with its status and code', () => {
    const cases = [
      ['not-multipart', 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['unreadable', 400, 'BAD_REQUEST'],
      ['too-large', 413, 'PAYLOAD_TOO_LARGE'],
      ['no-file', 422, 'VALIDATION_FAILED'],
    ] as const;
    for (const [reason, status, code] of cases) {
      const error = appErrorOf(new UploadError(reason, `refused: ${reason}`));
      expect(error?.status, reason).toBe(status);
      expect(error?.code, reason).toBe(code);
      expect(error?.detail, reason).toBe(`refused: ${reason}`);
    }
  });

  it('names the missing field of an upload without a file, and nothing more for the others', () => {
    expect(problemOf(appErrorOf(new UploadError('no-file', 'No file.')) as AppError).errors).toEqual([
      { path: 'file', message: 'Required' },
    ]);
    expect(problemOf(appErrorOf(new UploadError('too-large', 'Too large.')) as AppError)).not.toHaveProperty('errors');
  });

  it('answers a malformed CSV 400 naming its line, and a bad If-Match 422 naming the header', () => {
    const csv = problemOf(appErrorOf(new MalformedCsvError(7, 'unclosed quote')) as AppError);
    expect(csv).toMatchObject({
      status: 400,
      code: 'MALFORMED_CSV',
      detail: 'The CSV cannot be read: unclosed quote',
      errors: [{ line: 7, message: 'unclosed quote' }],
    });
    const ifMatch = problemOf(appErrorOf(new InvalidIfMatchError()) as AppError);
    expect(ifMatch).toMatchObject({
      status: 422,
      code: 'VALIDATION_FAILED',
      detail: 'If-Match must carry a version number.',
      errors: [{ path: 'header.if-match', message: 'Expected a version number' }],
    });
  });

  it('passes an AppError through as it is and leaves any other error to the 500 and 503 handling', () => {
    const own = new AppError('NOT_FOUND', 'No such body.');
    expect(appErrorOf(own)).toBe(own);
    expect(appErrorOf(new Error('boom'))).toBeUndefined();
    expect(appErrorOf({ code: 'ECONNREFUSED' })).toBeUndefined();
  });
});
