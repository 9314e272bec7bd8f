import { describe, expect, it } from 'vitest';
import { AppError, ERROR_STATUS, type ErrorCode, isDatabaseUnavailable, problemOf } from '../../src/http/errors.ts';

const CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

describe('ERROR_STATUS and problemOf', () => {
  it('maps every code to an HTTP error status', () => {
    for (const code of CODES) {
      const status = ERROR_STATUS[code];
      expect(status >= 400 && status <= 599, code).toBe(true);
      expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    }
  });

  it('covers the statuses of the API contract', () => {
    expect(new Set(Object.values(ERROR_STATUS))).toEqual(
      new Set([400, 401, 403, 404, 409, 413, 415, 422, 428, 429, 500, 503]),
    );
    expect(ERROR_STATUS.MALFORMED_JSON).toBe(400);
    expect(ERROR_STATUS.ORIGIN_MISMATCH).toBe(403);
    expect(ERROR_STATUS.VERSION_CONFLICT).toBe(409);
    expect(ERROR_STATUS.INVALID_CSV).toBe(422);
    expect(ERROR_STATUS.TOO_MANY_REQUESTS).toBe(429);
    expect(ERROR_STATUS.DATABASE_UNAVAILABLE).toBe(503);
  });

  it('renders every code as a complete problem', () => {
    for (const code of CODES) {
      const problem = problemOf(new AppError(code, `detail of ${code}`));
      expect(problem).toEqual({
        type: `/problems/${code.toLowerCase().replaceAll('_', '-')}`,
        title: expect.stringMatching(/\S/),
        status: ERROR_STATUS[code],
        detail: `detail of ${code}`,
        code,
      });
    }
  });

  it('adds the instance and the extension members', () => {
    const error = new AppError(
      'VALIDATION_FAILED',
      'Bad input',
      { errors: [{ path: 'name', message: 'Required' }] },
      { 'Retry-After': '1' },
    );
    expect(error.status).toBe(422);
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    expect(error.message).toBe('VALIDATION_FAILED: Bad input');
    expect(problemOf(error, 'req-1')).toEqual({
      type: '/problems/validation-failed',
      title: 'Validation failed',
      status: 422,
      detail: 'Bad input',
      code: 'VALIDATION_FAILED',
      instance: 'req-1',
      errors: [{ path: 'name', message: 'Required' }],
    });
  });

  it('keeps a cause without showing it in the problem', () => {
    const cause = new Error('connect ECONNREFUSED 10.0.0.1:5432');
    const error = new AppError('DATABASE_UNAVAILABLE', 'Down').withCause(cause);
    expect((error as { cause?: unknown }).cause).toBe(cause);
    expect(JSON.stringify(problemOf(error))).not.toContain('10.0.0.1');
  });
});

describe('isDatabaseUnavailable', () => {
  const withCode = (code: string) => Object.assign(new Error('x'), { code });

  it.each([
    'ECONNREFUSED',
    'ECONNRESET',
    'ETIMEDOUT',
    'CONNECT_TIMEOUT',
    'CONNECTION_CLOSED',
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    '57P01',
    '57P03',
    '53300',
    '08006',
    '08001',
  ])('is true for %s', (code) => {
    expect(isDatabaseUnavailable(withCode(code))).toBe(true);
  });

  it('is true for a closed PGlite and a destroyed Kysely', () => {
    expect(isDatabaseUnavailable(new Error('PGlite is closed'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('PGlite is closing'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('driver has already been destroyed'))).toBe(true);
  });

  it('follows the cause chain, and survives a cycle', () => {
    expect(
      isDatabaseUnavailable(new Error('outer', { cause: new Error('mid', { cause: withCode('ECONNRESET') }) })),
    ).toBe(true);
    const a: { code: string; cause?: unknown } = { code: 'X' };
    const b = { code: 'Y', cause: a };
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });

  it('is false for query errors and non-errors', () => {
    expect(isDatabaseUnavailable(withCode('23505'))).toBe(false);
    expect(isDatabaseUnavailable(withCode('42P01'))).toBe(false);
    // a protocol violation (too many bind parameters on PGlite, say) is a bug to log, not an outage
    expect(isDatabaseUnavailable(withCode('08P01'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('PGlite is closed, said the user'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something broke'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable({ errno: 111 })).toBe(false);
  });
});
