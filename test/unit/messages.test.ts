import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode, TITLES } from '../../src/http/errors.ts';
import { fieldLabel, localizeProblem, requestLanguage, translateMessage, zodMessage } from '../../src/http/messages.ts';
import { FIELD_LABELS, MESSAGES } from '../../src/http/messages-catalogue.ts';
import { zodProblems } from '../../src/http/router.ts';
import { scanMessages, scanSource } from '../helpers/message-scan.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A template's shape: every placeholder the same, as the scan writes `${…}`. */
const shape = (template: string) => template.replace(/\{[A-Za-z][A-Za-z0-9_]*\}/g, '{x}');

describe('the messages catalogue', () => {
  it('every error message has an Indonesian text', () => {
    const known = new Set(MESSAGES.map((m) => shape(m.en)));
    const missing = new Map<string, string>();
    for (const found of scanMessages(ROOT)) {
      // a text without variable parts may also be met by a template (`year: required` by `{field}: required`)
      const covered =
        known.has(found.template) ||
        (!found.template.includes('{x}') && translateMessage(found.template, 'id') !== undefined);
      if (!covered && !missing.has(found.template)) {
        missing.set(found.template, `${found.file}:${found.line}`);
      }
    }
    const list = [...missing].map(([en, where]) => `  { en: ${JSON.stringify(en)}, id: '' }, // ${where}`);
    expect(
      list,
      `messages without an entry in src/http/messages-catalogue.ts (name each {x}, write the id text):\n${list.join('\n')}`,
    ).toEqual([]);
  });

  it('finds the literals at throw sites, a ternary’s and a template’s included', () => {
    const source = [
      "throw new AppError('CONFLICT', `Category #{code} exists.`);",
      "if (x) throw validationFailed([{ path: 'a', message: y ? 'One' : `Two #{n}` }], 'Detail here.');",
      "throw notFound('period');",
      "if (kind === 'Compared') throw forbidden();",
    ]
      .join('\n')
      .replaceAll('#{', '${');
    expect(scanSource(source, 'x.ts').map((f) => f.template)).toEqual(
      expect.arrayContaining(['Category {x} exists.', 'Detail here.', 'No such period.', 'One', 'Two {x}']),
    );
    expect(scanSource(source, 'x.ts').map((f) => f.template)).not.toContain('Compared');
  });

  it('has an Indonesian text for every entry, repeating only the placeholders its English names', () => {
    for (const entry of MESSAGES) {
      expect(entry.id.trim(), entry.en).not.toBe('');
      const names = new Set([...entry.en.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
      for (const m of entry.id.matchAll(/\{(\w+)\}/g)) expect(names, `${entry.en} → ${entry.id}`).toContain(m[1]);
    }
    for (const [name, label] of Object.entries(FIELD_LABELS)) {
      expect(label.id && label.en, name).toBeTruthy();
    }
  });

  it('titles every error code in both languages', () => {
    for (const code of Object.keys(ERROR_STATUS) as ErrorCode[]) {
      expect(TITLES[code].en, code).toMatch(/\S/);
      expect(TITLES[code].id, code).toMatch(/\S/);
      expect(TITLES[code].id, code).not.toBe(TITLES[code].en);
    }
  });
});

describe('the language of a request', () => {
  it('is Indonesian when Accept-Language prefers it, English otherwise', () => {
    expect(requestLanguage('id')).toBe('id');
    expect(requestLanguage('id-ID,id;q=0.9,en;q=0.8')).toBe('id');
    expect(requestLanguage('en;q=0.9, id;q=0.5')).toBe('en');
    expect(requestLanguage('fr, id;q=0.4')).toBe('id');
    expect(requestLanguage('en, id;q=0.4')).toBe('en');
    expect(requestLanguage('fr')).toBe('en');
    expect(requestLanguage(undefined)).toBe('en');
    expect(requestLanguage('id;q=0')).toBe('en');
  });
});

describe('translating', () => {
  it('matches a template, carries its variable parts and names a field by its label', () => {
    expect(translateMessage('Unknown category XYZ', 'id')).toBe('Kategori XYZ tidak dikenal');
    expect(translateMessage('name: required', 'id')).toBe('Nama: wajib diisi');
    expect(translateMessage('From saq the next stage is verification, not results.', 'id')).toBe(
      'Dari tahap Penilaian mandiri (SAQ), tahap berikutnya adalah Verifikasi, bukan Penetapan hasil.',
    );
    expect(translateMessage('Unknown category XYZ', 'en')).toBe('Unknown category XYZ');
    expect(translateMessage('A sentence nobody wrote.', 'id')).toBeUndefined();
  });

  it('names a nested path as the form does, never as the raw path', () => {
    expect(fieldLabel('indicators.0.questions.0.weight', 'id')).toBe('Indikator 1, pertanyaan 1: Bobot');
    expect(fieldLabel('indicators.0.questions.0.weight', 'en')).toBe('Indicator 1, question 1: Weight');
    expect(fieldLabel('query.categoryCode', 'id')).toBe('Kategori');
    expect(fieldLabel('bands.2', 'id')).toBe('Kualifikasi 3');
    expect(fieldLabel('somethingUnknown', 'id')).toBeUndefined();
  });

  it('words zod issues in Indonesian through zod’s locale, a schema’s own message through the catalogue', () => {
    const schema = z.object({
      name: z.string().min(2),
      year: z.number(),
      date: z.iso.date({ message: 'Use YYYY-MM-DD, a date that exists' }),
    });
    const result = schema.safeParse({ name: 'a', year: 'x', date: '2026-02-30' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const [short, type, date] = result.error.issues;
    expect(zodMessage(short as never, 'id')).toBe('Terlalu kecil: diharapkan teks memiliki >=2 karakter');
    expect(zodMessage(type as never, 'id')).toBe('Input tidak valid: diharapkan angka, diterima teks');
    expect(zodMessage(date as never, 'id')).toBe('Gunakan format TTTT-BB-HH dengan tanggal yang ada');
    expect(zodMessage(short as never, 'en')).toBe(short?.message);

    const problem = {
      title: 'Validasi gagal',
      detail: 'The input breaks one or more rules.',
      errors: zodProblems(result.error),
    };
    const { problem: id, untranslated } = localizeProblem(problem, 'id', true);
    expect(untranslated).toEqual([]);
    expect(id.detail).toBe('Isian melanggar satu atau beberapa aturan.');
    expect(id.errors).toEqual([
      { path: 'name', field: 'Nama', message: 'Terlalu kecil: diharapkan teks memiliki >=2 karakter' },
      { path: 'year', field: 'Tahun', message: 'Input tidak valid: diharapkan angka, diterima teks' },
      { path: 'date', message: 'Gunakan format TTTT-BB-HH dengan tanggal yang ada' },
    ]);
    // without a language named, the shape stays as it was: no field
    const { problem: en } = localizeProblem(problem, 'en', false);
    expect(en.errors).toEqual([
      { path: 'name', message: 'Too small: expected string to have >=2 characters' },
      { path: 'year', message: 'Invalid input: expected number, received string' },
      { path: 'date', message: 'Use YYYY-MM-DD, a date that exists' },
    ]);
  });
});
