/**
 * How the interface writes numbers and dates, in one place: Indonesian with a decimal comma and long month names
 * ("3,64", "2 Januari 2027"), English with a decimal point ("3.64", "2 January 2027"). Times are Asia/Jakarta's, where
 * the commissions work. Pure functions of the language, so that every page says a score or a date the same way.
 */

export type Lang = 'id' | 'en';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };
const ZONE = 'Asia/Jakarta';

// Intl formatters are costly to build and pure: one per language and shape
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `n ${lang} ${JSON.stringify(options)}`;
  const known = cache.get(key) as Intl.NumberFormat | undefined;
  if (known) return known;
  const format = new Intl.NumberFormat(LOCALE[lang], options);
  cache.set(key, format);
  return format;
}
function dateFormat(lang: Lang, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d ${lang} ${JSON.stringify(options)}`;
  const known = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (known) return known;
  const format = new Intl.DateTimeFormat(LOCALE[lang], { ...options, timeZone: ZONE });
  cache.set(key, format);
  return format;
}

const DECIMAL_MARK: Record<Lang, string> = { id: ',', en: '.' };

/** A score as a number, or as the scoring engine's exact Rational (whose toFixed rounds half-up, exactly). */
export type ScoreValue = number | { toFixed(decimals: number): string };

/**
 * A score at a fixed number of decimals: "3,64" (id), "3.64" (en); empty when there is none. The digits are the
 * value's own toFixed, the ones the pages always showed; only the decimal mark follows the language.
 */
export function formatScore(n: ScoreValue | undefined, decimals: number, lang: Lang): string {
  return n === undefined ? '' : n.toFixed(decimals).replace('.', DECIMAL_MARK[lang]);
}

/** A count or a plain number: "1.234" and "2,5" (id), "1,234" and "2.5" (en). */
export function formatNumber(n: number, lang: Lang): string {
  return numberFormat(lang).format(n);
}

/** A share in percent with one decimal at most: "33,3 %" (id), "33.3 %" (en); a dash when unknown. */
export function formatPercent(share: number | null, lang: Lang): string {
  return share === null ? '—' : `${formatNumber(Math.round(share * 10) / 10, lang)} %`;
}

/** A date ("2 Januari 2027"), or a date and time in WIB ("2 Januari 2027 14.05"); the input as is when unreadable. */
export function formatDate(iso: string, lang: Lang, withTime = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = dateFormat(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
  return withTime ? `${day} ${formatTime(date.getTime(), lang)}` : day;
}

/** A time of day in Asia/Jakarta: "14.05" (id) or "14:05" (en). */
export function formatTime(ms: number, lang: Lang): string {
  return dateFormat(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(ms));
}

/** A deadline as the commission states it, in Asia/Jakarta: "31 Agustus 2026 23.59 WIB". */
export function formatDeadline(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${formatDate(iso, lang, true)} WIB`;
}

/** A file size: "512 B", "34 KB", "1,5 MB" (id). */
export function formatBytes(size: number, lang: Lang): string {
  const number = (n: number, digits: number) => numberFormat(lang, { maximumFractionDigits: digits }).format(n);
  if (size < 1024) return `${number(size, 0)} B`;
  if (size < 1024 * 1024) return `${number(size / 1024, 0)} KB`;
  return `${number(size / (1024 * 1024), 1)} MB`;
}

/**
 * A decimal number as a person types it in a form field: "2,5" and "2.5" both mean two and a half (an Indonesian
 * keyboard user writes the comma; the fields hold plain numbers without thousands grouping, so a single comma can only
 * be the decimal mark). NaN when it is not a number; an empty field is NaN too.
 */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const normalised = /^[-+]?\d*,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return Number(normalised);
}
