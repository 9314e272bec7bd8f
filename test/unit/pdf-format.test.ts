import { describe, expect, it } from 'vitest';
import {
  categoryLine,
  formatDate,
  formatDateTime,
  formatInteger,
  formatNumber,
  formatScore,
  formatSigned,
} from '../../src/modules/pdf/pdf-format.ts';

describe('the certificate’s category line', () => {
  it('puts the word before a plain name', () => {
    expect(categoryLine('Kategori', 'Pemerintah Provinsi')).toBe('Kategori Pemerintah Provinsi');
    expect(categoryLine('Category', 'Ministries')).toBe('Category Ministries');
  });

  it('does not repeat it when the name already starts with it, in any case', () => {
    expect(categoryLine('Kategori', 'Kategori PEMPROV')).toBe('Kategori PEMPROV');
    expect(categoryLine('Kategori', 'KATEGORI Badan Usaha')).toBe('KATEGORI Badan Usaha');
    expect(categoryLine('Category', 'Category A')).toBe('Category A');
  });

  it('only a whole word counts', () => {
    expect(categoryLine('Kategori', 'Kategorial Khusus')).toBe('Kategori Kategorial Khusus');
  });
});

describe('the PDFs’ numbers and dates (formatters kept per language and options)', () => {
  it('scores at the methodology’s decimals, each language its own marks, one after the other', () => {
    expect(formatScore(87.345, 2, 'id')).toBe('87,35');
    expect(formatScore(87.345, 1, 'id')).toBe('87,3');
    expect(formatScore(87.345, 2, 'en')).toBe('87.35');
    expect(formatScore(1234.5, 2, 'id')).toBe('1.234,50');
    expect(formatScore(null, 2, 'id')).toBe('–');
    expect(formatSigned(-0.5, 2, 'id')).toBe('−0,50');
    expect(formatSigned(1.234, 2, 'en')).toBe('+1.23');
  });

  it('weights without forced decimals and integers with grouping', () => {
    expect(formatNumber(12.5, 'id')).toBe('12,5');
    expect(formatNumber(80, 'en')).toBe('80');
    expect(formatInteger(1234, 'id')).toBe('1.234');
    expect(formatInteger(1234, 'en')).toBe('1,234');
  });

  it('dates in words, and moments in Jakarta with WIB', () => {
    expect(formatDate('2025-12-15', 'id')).toBe('15 Desember 2025');
    expect(formatDate('2025-12-15', 'en')).toBe('15 December 2025');
    expect(formatDateTime('2025-12-29T03:15:00Z', 'id')).toBe('29 Desember 2025 pukul 10.15 WIB');
  });
});
