import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameKey, normalizeEmail, slugify } from '../../src/lib/text.ts';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('slugify', () => {
  it.each([
    ['Partai Demokrasi Indonesia Perjuangan (PDIP)', 'partai-demokrasi-indonesia-perjuangan-pdip'],
    ['Badan Meteorologi, Klimatologi, dan Geofisika', 'badan-meteorologi-klimatologi-dan-geofisika'],
    ['  Kementerian   Keuangan  ', 'kementerian-keuangan'],
    ['PT Kereta Api Indonesia (Persero)', 'pt-kereta-api-indonesia-persero'],
    ['Pemerintah Provinsi D.I. Yogyakarta', 'pemerintah-provinsi-d-i-yogyakarta'],
    ['Lembaga Sandi Negara — BSSN', 'lembaga-sandi-negara-bssn'],
    ['Universitas Gadjah Mada 2026', 'universitas-gadjah-mada-2026'],
    ['---', ''],
    ['', ''],
  ])('%s -> %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('gives a well-formed slug or nothing, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        const slug = slugify(s);
        expect(slug === '' || SLUG.test(slug)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (s) => {
        expect(slugify(slugify(s))).toBe(slugify(s));
      }),
      { numRuns: 500 },
    );
  });

  it('ignores case and spacing, as nameKey does', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 }), (words) => {
        const spaced = `  ${words.join('   ')} `;
        expect(slugify(spaced.toUpperCase())).toBe(slugify(words.join(' ')));
        expect(nameKey(spaced.toUpperCase())).toBe(nameKey(words.join(' ')));
      }),
    );
  });
});

describe('nameKey', () => {
  it('folds case and runs of white space, keeps punctuation', () => {
    expect(nameKey('  Badan   Pusat\tStatistik ')).toBe('badan pusat statistik');
    expect(nameKey('Partai Demokrasi Indonesia Perjuangan (PDIP)')).toBe(
      'partai demokrasi indonesia perjuangan (pdip)',
    );
    expect(nameKey('Badan Pusat Statistik')).not.toBe(nameKey('Badan Pusat Statistik (BPS)'));
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        expect(nameKey(nameKey(s))).toBe(nameKey(s));
      }),
    );
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  PPID@Kemenkeu.GO.ID ')).toBe('ppid@kemenkeu.go.id');
  });
});
