import { describe, expect, it } from 'vitest';
import { type AppError, appErrorOf } from '../../src/http/errors.ts';
import { detectDelimiter, MalformedCsvError, parseCsv } from '../../src/lib/csv.ts';

const lines = (text: string) => parseCsv(text).map((r) => r.line);
const malformed = (text: string) => {
  try {
    parseCsv(text);
  } catch (error) {
    // lib/ throws its own error; the API answers it as http maps it (decision 008)
    expect(error).toBeInstanceOf(MalformedCsvError);
    return appErrorOf(error) as AppError;
  }
  throw new Error('parseCsv accepted the text');
};

describe('parseCsv', () => {
  it('numbers records by the line they start on, the header being line 1', () => {
    expect(parseCsv('name,categoryCode\nBadan A,KEMENTERIAN\nBadan B,PEMPROV\n')).toEqual([
      { line: 1, fields: ['name', 'categoryCode'] },
      { line: 2, fields: ['Badan A', 'KEMENTERIAN'] },
      { line: 3, fields: ['Badan B', 'PEMPROV'] },
    ]);
  });

  it('counts blank lines it skips', () => {
    expect(lines('a,b\n\n1,2\n   \n\n3,4')).toEqual([1, 3, 6]);
  });

  it('counts the lines inside quoted multi-line fields', () => {
    const records = parseCsv('a,b\n"Jl. Merdeka\nNo. 1\nJakarta",2\n3,4\n"x\n\ny",5\n6,7\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 5, 6, 9]);
    expect(records[1]?.fields[0]).toBe('Jl. Merdeka\nNo. 1\nJakarta');
  });

  it('counts CRLF line ends, inside quoted fields too (files saved on Windows)', () => {
    expect(lines('a,b\r\n1,2\r\n3,4\r\n')).toEqual([1, 2, 3]);
    expect(lines('a,b\r\n"x\r\ny",2\r\n3,4\r\n')).toEqual([1, 2, 4]);
    expect(lines('a,b\r\n"x\r\n\r\ny",2\r\n\r\n3,4\r\n5,6')).toEqual([1, 2, 6, 7]);
    expect(lines('a,b\n"x\ny",2\r\n3,4\r\n')).toEqual([1, 2, 4]);
  });

  it('keeps commas inside quoted fields, unquotes doubled quotes and trims spaces', () => {
    expect(parseCsv('"Badan Meteorologi, Klimatologi, dan Geofisika", LNS ,"Ia berkata ""ya"""\n')).toEqual([
      { line: 1, fields: ['Badan Meteorologi, Klimatologi, dan Geofisika', 'LNS', 'Ia berkata "ya"'] },
    ]);
  });

  it('drops a byte-order mark and keeps non-ASCII text', () => {
    expect(parseCsv('\ufeffname\nDinas Komunikasi — Informatika\n"Ñ\nß"\nz')).toEqual([
      { line: 1, fields: ['name'] },
      { line: 2, fields: ['Dinas Komunikasi — Informatika'] },
      { line: 3, fields: ['Ñ\nß'] },
      { line: 5, fields: ['z'] },
    ]);
  });

  it('accepts rows of uneven length (the caller checks them)', () => {
    expect(parseCsv('a,b,c\n1\n1,2,3,4').map((r) => r.fields.length)).toEqual([3, 1, 4]);
  });

  it('gives nothing for an empty file', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
  });

  it('refuses an unclosed quote as MALFORMED_CSV naming the line the quote opened on', () => {
    const error = malformed('name,categoryCode\nBadan A,KEMENTERIAN\n"Badan B,PEMPROV\nBadan C,LNS\nBadan D,LNS\n');
    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.status).toBe(400);
    expect(error.extra.errors).toEqual([{ line: 3, message: expect.stringMatching(/quote/i) }]);
  });

  it('refuses a stray quote inside an unquoted field, naming its line', () => {
    const error = malformed('a,b\n1,2\n3,4 "x" y\n5,6\n');
    expect(error.code).toBe('MALFORMED_CSV');
    expect(error.extra.errors).toEqual([{ line: 3, message: expect.stringMatching(/quote/i) }]);
  });
});

describe('the separator (Excel in an Indonesian locale saves `;`)', () => {
  it('is read from the header line: more semicolons than commas outside quotes makes it `;`', () => {
    expect(detectDelimiter('nama;kodeKategori;provinsi\nA,B;C;D\n')).toBe(';');
    expect(detectDelimiter('name,categoryCode\nA;B;C;D;E\n')).toBe(',');
    expect(detectDelimiter('\ufeff"a,b,c";d;e\r\n')).toBe(';');
    expect(detectDelimiter('"x;y;z",w\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('parses a `;` file with quoted fields holding `;` and `,`, and a `,` file as before', () => {
    const rows = parseCsv('\ufeffnama;kota\r\n"Badan; Satu";"Kendari, Sultra"\r\nDua;Tiga\r\n');
    expect(rows).toEqual([
      { line: 1, fields: ['nama', 'kota'] },
      { line: 2, fields: ['Badan; Satu', 'Kendari, Sultra'] },
      { line: 3, fields: ['Dua', 'Tiga'] },
    ]);
    expect(parseCsv('a,b\n1;2,3\n')[1]?.fields).toEqual(['1;2', '3']);
  });
});
