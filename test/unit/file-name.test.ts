import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition } from '../../src/modules/submissions/evidence-files.service.ts';

// every character a stored name must never keep: C0, DEL, C1, the bidirectional controls
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this test looks for
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

// names built from every unsafe character, path separators, quotes, dots, spaces and some ordinary text, wide ones
// (astral emoji) among them
const UNSAFE_CHARS = [
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i)),
  ...Array.from({ length: 0x21 }, (_, i) => String.fromCharCode(0x7f + i)),
  '\u061c',
  '\u200e',
  '\u200f',
  ...Array.from({ length: 5 }, (_, i) => String.fromCharCode(0x202a + i)),
  ...Array.from({ length: 4 }, (_, i) => String.fromCharCode(0x2066 + i)),
];
const NAME = fc
  .array(fc.oneof(fc.constantFrom(...UNSAFE_CHARS), fc.constantFrom('a', 'é', '–', '😀', '.', ' ', '/', '\\', '"')), {
    maxLength: 260,
  })
  .map((chars) => chars.join(''));

describe('cleanFileName', () => {
  it.each([
    ['Laporan–Tahunan é.pdf', 'pdf', 'Laporan–Tahunan é.pdf'],
    ['DIP 2026 (final).docx', 'docx', 'DIP 2026 (final).docx'],
    ['Keputusan PPID 📄.pdf', 'pdf', 'Keputusan PPID 📄.pdf'],
    ['evil\u202Efdp.exe', 'pdf', 'evilfdp.pdf'],
    ['a\u2066b\u2067c\u2068d\u2069e\u200ef\u200fg\u061ch\u202ai\u202bj\u202ck\u202dl.png', 'png', 'abcdefghijkl.png'],
    ['nul\u0000byte.pdf', 'pdf', 'nulbyte.pdf'],
    ['tab\there\r\nnew.pdf', 'pdf', 'tabherenew.pdf'],
    ['del\u007f c1\u0085\u009b.pdf', 'pdf', 'del c1.pdf'],
    ['say "hi".pdf', 'pdf', 'say hi.pdf'],
    ['C:\\Users\\ppid\\bukti.pdf', 'pdf', 'bukti.pdf'],
    ['../../etc/passwd', 'pdf', 'passwd.pdf'],
    ['\u202E\u0000', 'jpg', 'file.jpg'],
    ['  .pdf', 'pdf', 'file.pdf'],
    ['bukti.PDF', 'png', 'bukti.png'],
    ['lone\ud800 half\udfff.pdf', 'pdf', 'lone half.pdf'],
  ])('%j -> %j', (name, extension, expected) => {
    expect(cleanFileName(name, extension)).toBe(expected);
  });

  it('cuts a long name at whole code points, never leaving half a surrogate pair', () => {
    const name = `${'a'.repeat(199)}😀😀.pdf`;
    const cleaned = cleanFileName(name, 'pdf');
    expect(cleaned).toBe(`${'a'.repeat(199)}😀.pdf`);
    // a lone surrogate matches \p{Cs} in a unicode regex; PostgreSQL refuses to store one
    expect(cleaned).not.toMatch(/\p{Cs}/u);
  });

  it('never keeps a control or bidirectional-control character, a path separator or a quote', () => {
    fc.assert(
      fc.property(NAME, (name) => {
        const cleaned = cleanFileName(name, 'pdf');
        expect(cleaned).not.toMatch(UNSAFE);
        expect(cleaned).not.toMatch(/["/\\]/);
        expect(cleaned.endsWith('.pdf')).toBe(true);
        expect(Array.from(cleaned).length).toBeLessThanOrEqual(204);
      }),
    );
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the exact name in filename* (RFC 6266, RFC 8187)', () => {
    expect(contentDisposition('Laporan–Tahunan é.pdf')).toBe(
      `attachment; filename="Laporan_Tahunan _.pdf"; filename*=UTF-8''Laporan%E2%80%93Tahunan%20%C3%A9.pdf`,
    );
  });

  it("percent-encodes what attr-char does not allow, ' ( ) * among them", () => {
    const header = contentDisposition("O'Brien (copy)*.pdf");
    expect(header).toContain(`filename*=UTF-8''O%27Brien%20%28copy%29%2A.pdf`);
    const value = header.split("filename*=UTF-8''")[1] as string;
    expect(value).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]+$/);
    expect(decodeURIComponent(value)).toBe("O'Brien (copy)*.pdf");
  });
});
