import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/domain/rational.ts';
import {
  formatBytes,
  formatDate,
  formatDeadline,
  formatNumber,
  formatPercent,
  formatScore,
  formatTime,
  parseDecimal,
} from '../../web/src/i18n/format.ts';

/** The interface's numbers and dates: Indonesian forms in Indonesian (3,64; 2 Januari 2027), English's in English. */
describe('formatScore', () => {
  it('writes a score with the decimal comma in Indonesian and the point in English', () => {
    expect(formatScore(3.64, 2, 'id')).toBe('3,64');
    expect(formatScore(3.64, 2, 'en')).toBe('3.64');
    expect(formatScore(100, 2, 'id')).toBe('100,00');
    expect(formatScore(7, 0, 'id')).toBe('7');
    expect(formatScore(undefined, 2, 'id')).toBe('');
  });

  it('keeps the exact half-up digits of the engine’s Rational (1.005 is 1,01, where a float would say 1.00)', () => {
    expect(formatScore(Rational.of('1.005'), 2, 'id')).toBe('1,01');
    expect(formatScore(Rational.of('1.005'), 2, 'en')).toBe('1.01');
  });
});

describe('formatNumber and formatPercent', () => {
  it('groups thousands and marks decimals the language’s way', () => {
    expect(formatNumber(1234567, 'id')).toBe('1.234.567');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
    expect(formatNumber(2.5, 'id')).toBe('2,5');
    expect(formatNumber(2.5, 'en')).toBe('2.5');
  });

  it('writes a share with one decimal at most, and a dash when unknown', () => {
    expect(formatPercent(33.333, 'id')).toBe('33,3 %');
    expect(formatPercent(33.333, 'en')).toBe('33.3 %');
    expect(formatPercent(50, 'id')).toBe('50 %');
    expect(formatPercent(null, 'id')).toBe('—');
  });
});

describe('dates and times (Asia/Jakarta)', () => {
  // 07:05 UTC is 14:05 in Jakarta (WIB, UTC+7); 20:00 UTC on 1 January is already 2 January there
  const iso = '2027-01-01T20:05:00.000Z';

  it('writes a long date: 2 Januari 2027 / 2 January 2027', () => {
    expect(formatDate(iso, 'id')).toBe('2 Januari 2027');
    expect(formatDate(iso, 'en')).toBe('2 January 2027');
    expect(formatDate('2026-08-17T05:00:00Z', 'id')).toBe('17 Agustus 2026');
  });

  it('writes a date and time with the language’s time separator', () => {
    expect(formatDate(iso, 'id', true)).toBe('2 Januari 2027 03.05');
    expect(formatDate(iso, 'en', true)).toBe('2 January 2027 03:05');
    expect(formatTime(Date.parse('2027-01-02T07:05:00Z'), 'id')).toBe('14.05');
    expect(formatDeadline('2030-01-31T16:59:00Z', 'id')).toBe('31 Januari 2030 23.59 WIB');
  });

  it('returns what it was given when it is not a date', () => {
    expect(formatDate('not a date', 'id')).toBe('not a date');
  });
});

describe('formatBytes', () => {
  it('writes sizes in the language’s number format', () => {
    expect(formatBytes(512, 'id')).toBe('512 B');
    expect(formatBytes(1.5 * 1024 * 1024, 'id')).toBe('1,5 MB');
    expect(formatBytes(1.5 * 1024 * 1024, 'en')).toBe('1.5 MB');
  });
});

describe('parseDecimal', () => {
  it('reads a typed number with a decimal comma or point', () => {
    expect(parseDecimal('2,5')).toBe(2.5);
    expect(parseDecimal(' 2.5 ')).toBe(2.5);
    expect(parseDecimal('80')).toBe(80);
    expect(parseDecimal(',5')).toBe(0.5);
    expect(parseDecimal('-1,25')).toBe(-1.25);
  });

  it('is NaN for an empty field or anything that is not one number', () => {
    for (const text of ['', '  ', '1,2,3', '1.000,5', 'abc', '2,']) expect(parseDecimal(text), text).toBeNaN();
  });
});
