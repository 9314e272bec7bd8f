/** Number and date formatting of the PDFs: Indonesian forms by default (1.234,56; 15 Desember 2025), English edition. */
import type { PdfLang } from './pdf-types.ts';

const LOCALE: Record<PdfLang, string> = { id: 'id-ID', en: 'en-GB' };

// Intl formatters are costly to build (about 2 % of a certificate's render when made per call) and immutable: one per
// language and options, for the life of the process (a render worker makes a few thousand documents).
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function numberFormat(lang: PdfLang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], options);
    numberFormats.set(key, format);
  }
  return format;
}

function dateFormat(lang: PdfLang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[lang], options);
    dateFormats.set(key, format);
  }
  return format;
}

/** A score at the methodology's decimals: 87,35 (id) or 87.35 (en). */
export function formatScore(value: number | null, decimals: number, lang: PdfLang): string {
  if (value === null) return '–';
  return numberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** A signed score: +1,23 / −0,50 / 0,00 (a true minus sign, as in print). */
export function formatSigned(value: number, decimals: number, lang: PdfLang): string {
  const text = formatScore(Math.abs(value), decimals, lang);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : text;
}

/** A weight or a minimum as configured: no forced decimals (80, 12,5). */
export function formatNumber(value: number, lang: PdfLang): string {
  return numberFormat(lang, { maximumFractionDigits: 4 }).format(value);
}

/** An integer with grouping: 1.234 (id) or 1,234 (en). */
export function formatInteger(value: number, lang: PdfLang): string {
  return numberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

/** A calendar date (YYYY-MM-DD) in words: 15 Desember 2025 / 15 December 2025. */
export function formatDate(isoDate: string, lang: PdfLang): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
  return dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A moment in Asia/Jakarta with its zone: 29 Desember 2025 10.15 WIB. */
export function formatDateTime(iso: string, lang: PdfLang): string {
  const text = dateFormat(lang, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
  return `${text} WIB`;
}

/** "Kategori X", unless the category's own name already starts with the word ("Kategori Badan Publik"). */
export function categoryLine(label: string, name: string): string {
  return name.toLocaleLowerCase().startsWith(`${label.toLocaleLowerCase()} `) ? name : `${label} ${name}`;
}
