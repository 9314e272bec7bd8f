import { describe, expect, it } from 'vitest';
import { categoryLine } from '../../src/modules/pdf/pdf-format.ts';

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
