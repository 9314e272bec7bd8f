import { describe, expect, it } from 'vitest';
import { type AppError, appErrorOf } from '../../src/http/errors.ts';
import { InvalidIfMatchError, parseIfMatch } from '../../src/lib/if-match.ts';

describe('parseIfMatch', () => {
  it.each([
    ['3', 3],
    ['"3"', 3],
    ['W/"3"', 3],
    [' 12 ', 12],
    ['"123456789"', 123456789],
  ])('%s -> %i', (header, version) => {
    expect(parseIfMatch(header)).toBe(version);
  });

  it('is undefined when the header is absent or blank', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('')).toBeUndefined();
    expect(parseIfMatch('   ')).toBeUndefined();
  });

  it.each(['abc', '*', '-1', '1.5', 'W/3x', '1234567890'])('refuses %s with a 422 naming the header', (header) => {
    let caught: unknown;
    try {
      parseIfMatch(header);
    } catch (error) {
      caught = error;
    }
    // lib/ throws its own error; the API answers it as http maps it (decision 008)
    expect(caught).toBeInstanceOf(InvalidIfMatchError);
    const e = appErrorOf(caught) as AppError;
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.status).toBe(422);
    expect(e.extra.errors).toEqual([{ path: 'header.if-match', message: expect.any(String) }]);
  });
});
