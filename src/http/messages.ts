/**
 * Every message in the caller's language (issue 25 item 8). Messages are written in English where they are thrown;
 * a problem answered to a request that prefers Indonesian (`Accept-Language: id`) carries the `id` text of the
 * catalogue entry whose English template matches (`messages-catalogue.ts`), zod's issues through zod's own Indonesian
 * locale, and each error's field named by its label (`FIELD_LABELS`), never by its raw path.
 */
import { type core, z } from 'zod';
import type { ProblemDetail } from './errors.ts';
import { FIELD_LABELS, MESSAGES, type MessageEntry, TERMS } from './messages-catalogue.ts';

export type Lang = 'id' | 'en';

/**
 * The language of a request: Indonesian when Accept-Language prefers it to English (`id`, `id-ID`, the old `in`),
 * English otherwise (no header, `en`, or only languages we do not speak).
 */
export function requestLanguage(header: string | undefined): Lang {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { primary: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), order };
    })
    .filter((l) => l.q > 0 && Number.isFinite(l.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { primary } of ranked) {
    if (primary === 'id' || primary === 'in') return 'id';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

interface CompiledEntry {
  entry: MessageEntry;
  pattern: RegExp;
  names: string[];
  /** Characters of literal text: the more, the more specific (tried first). */
  literal: number;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * Placeholders with a meaning: `{field}` is a field's name (`name`, `categoryCode`), shown as its label; `{stage}` and
 * `{type}` (also `{stage2}`…) a stage or a question type, shown as the catalogue's TERMS word; `{message}` an English message of its
 * own, translated in turn. Any other placeholder is text carried over as it is.
 */
const PLACEHOLDER_PATTERNS: Record<string, string> = {
  field: '([A-Za-z][A-Za-z0-9_/]*)',
  stage: '([a-z_]+)',
  type: '([a-z_]+)',
};

/** What a placeholder stands for: its name without a trailing number (`{stage2}` is a stage too). */
const kindOf = (name: string) => name.replace(/\d+$/, '');

/** A placeholder's value in Indonesian; undefined when it is a message with no entry of its own. */
function placeholderValue(placeholder: string, value: string): string | undefined {
  const name = kindOf(placeholder);
  if (name === 'field') return labelOf(value, 'id') ?? value;
  if (name === 'stage' || name === 'type') return Object.hasOwn(TERMS, value) ? (TERMS[value]?.id ?? value) : value;
  if (name === 'message') return translateMessage(value, 'id');
  return value;
}

function compileEntry(entry: MessageEntry): CompiledEntry {
  const names: string[] = [];
  let source = '';
  let last = 0;
  let literal = 0;
  for (const match of entry.en.matchAll(PLACEHOLDER)) {
    const text = entry.en.slice(last, match.index);
    source += text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    literal += text.length;
    const name = match[1] as string;
    names.push(name);
    source += PLACEHOLDER_PATTERNS[kindOf(name)] ?? '([\\s\\S]*?)';
    last = match.index + match[0].length;
  }
  const tail = entry.en.slice(last);
  source += tail.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  literal += tail.length;
  return { entry, pattern: new RegExp(`^${source}$`), names, literal };
}

let compiled: { exact: Map<string, string>; templates: CompiledEntry[]; size: number } | undefined;

/** The catalogue compiled once (and again if entries were added since, as tests may do). */
function catalogue() {
  if (compiled?.size === MESSAGES.length) return compiled;
  const exact = new Map<string, string>();
  const templates: CompiledEntry[] = [];
  for (const entry of MESSAGES) {
    if (entry.en.search(PLACEHOLDER) < 0) {
      if (!exact.has(entry.en)) exact.set(entry.en, entry.id);
    } else templates.push(compileEntry(entry));
  }
  templates.sort((a, b) => b.literal - a.literal);
  compiled = { exact, templates, size: MESSAGES.length };
  return compiled;
}

/** A field's label by its name, in a language; undefined when the catalogue has none. */
export function labelOf(name: string, lang: Lang): string | undefined {
  return Object.hasOwn(FIELD_LABELS, name) ? FIELD_LABELS[name]?.[lang] : undefined;
}

/**
 * The message in a language: English as written; Indonesian from the catalogue's entry whose template matches, its
 * variable parts carried over (a `{field}` as the field's label). Undefined when no entry matches.
 */
export function translateMessage(text: string, lang: Lang): string | undefined {
  if (lang === 'en') return text;
  const { exact, templates } = catalogue();
  const direct = exact.get(text);
  if (direct !== undefined) return direct;
  for (const t of templates) {
    const match = t.pattern.exec(text);
    if (!match) continue;
    const values = new Map<string, string>();
    for (const [i, name] of t.names.entries()) {
      const value = placeholderValue(name, match[i + 1] ?? '');
      if (value === undefined) return undefined;
      values.set(name, value);
    }
    return t.entry.id.replace(PLACEHOLDER, (whole, name: string) => values.get(name) ?? whole);
  }
  return undefined;
}

/** Path segments that name where the input came from, not a field. */
const TARGETS = new Set(['json', 'query', 'param', 'header', 'form', 'cookie']);

const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]?.toLowerCase() + s.slice(1) : s);

/**
 * A field path as people name it: `indicators.0.questions.0.weight` → "Indikator 1, pertanyaan 1: Bobot" /
 * "Indicator 1, question 1: Weight". Undefined when a segment has no label (the path is then not shown as one).
 */
export function fieldLabel(path: string, lang: Lang): string | undefined {
  const segments = path.split('.').filter((s) => s !== '');
  while (segments.length > 1 && TARGETS.has(segments[0] as string)) segments.shift();
  if (segments.length === 0) return undefined;
  const parts: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string;
    if (/^\d+$/.test(segment)) return undefined; // a number not after a named list
    const label = labelOf(segment, lang);
    if (label === undefined) return undefined;
    const next = segments[i + 1];
    if (next !== undefined && /^\d+$/.test(next)) {
      parts.push(`${label} ${Number(next) + 1}`);
      i++;
    } else parts.push(label);
  }
  const named = parts.map((p, i) => (i === 0 ? p : lowerFirst(p)));
  if (named.length === 1) return named[0];
  const last = /^\d+$/.test(segments.at(-1) as string) ? undefined : named.pop();
  const containers = named.join(', ');
  return last === undefined ? containers : `${containers}: ${last.charAt(0).toUpperCase()}${last.slice(1)}`;
}

const idLocale = z.locales.id().localeError;

/** zod's word for a value's type, as the English message names what it received. */
const SAMPLES: Record<string, unknown> = {
  string: '',
  number: 0,
  boolean: false,
  array: [],
  object: {},
  null: null,
  undefined: undefined,
  nan: Number.NaN,
  bigint: 0n,
};

const TYPE_WORDS: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  int: 'bilangan bulat',
  array: 'daftar',
  object: 'objek',
  boolean: 'ya/tidak',
  date: 'tanggal',
};

/** A zod issue in a language: its English message as zod wrote it, or the Indonesian of the catalogue or of zod. */
export function zodMessage(issue: core.$ZodIssue, lang: Lang): string {
  if (lang === 'en') return issue.message;
  // a schema's own message (`{ message: 'Use YYYY-MM-DD, a date that exists' }`) has its catalogue entry
  const own = translateMessage(issue.message, 'id');
  if (own !== undefined) return own;
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return 'Wajib diisi';
  if (issue.code === 'unrecognized_keys') return `Kolom tidak dikenal: ${issue.keys.join(', ')}`;
  const received = / received (\w+)$/.exec(issue.message)?.[1];
  const raw = { ...issue, input: received !== undefined ? SAMPLES[received] : undefined } as core.$ZodRawIssue;
  const text = idLocale(raw);
  const message = typeof text === 'string' ? text : (text?.message ?? 'Input tidak valid');
  return message.replace(
    /\b(diharapkan|diterima) (string|number|int|array|object|boolean|date)\b/g,
    (_, verb: string, type: string) => `${verb} ${TYPE_WORDS[type]}`,
  );
}

const ISSUE = Symbol('zodIssue');

interface IssueNote {
  issue: core.$ZodIssue | undefined;
  /** The field a line's message starts with (`name: …`), named by its label. */
  prefix: string | undefined;
}

/**
 * A problem's entry for a zod issue, its message written from the issue in the answer's language (the issue rides
 * along unseen: a symbol key is not serialised). `prefix`: a CSV column the message starts with, as `name: …`.
 */
export function issueDetail(detail: ProblemDetail, issue: core.$ZodIssue | undefined, prefix?: string): ProblemDetail {
  Object.defineProperty(detail, ISSUE, { value: { issue, prefix } satisfies IssueNote, enumerable: false });
  return detail;
}

interface LocalizableProblem {
  title: string;
  detail: string;
  errors?: unknown;
  [extension: string]: unknown;
}

/**
 * A problem in the request's language: `detail` and each `errors[].message` translated, each error's `field` (its
 * label) added where one is known. `labels`: whether to add `field` (a request that names its language). Returns the
 * English texts that had no catalogue entry, which the answer is still given with.
 */
export function localizeProblem<P extends LocalizableProblem>(
  problem: P,
  lang: Lang,
  labels: boolean,
): { problem: P; untranslated: string[] } {
  const untranslated: string[] = [];
  const text = (message: string) => {
    const out = translateMessage(message, lang);
    if (out === undefined) untranslated.push(message);
    return out ?? message;
  };
  const detail = text(problem.detail);
  const errors = Array.isArray(problem.errors)
    ? (problem.errors as (ProblemDetail & { [ISSUE]?: IssueNote })[]).map((e) => {
        const note = e[ISSUE];
        let message: string;
        // English stays as written (a CSV line's column by its name, as the file's header has it)
        if (note?.issue && lang !== 'en') {
          const name = note.prefix ? `${labelOf(note.prefix, lang) ?? note.prefix}: ` : '';
          message = `${name}${zodMessage(note.issue, lang)}`;
        } else message = typeof e.message === 'string' ? text(e.message) : e.message;
        const field = labels && typeof e.path === 'string' ? fieldLabel(e.path, lang) : undefined;
        return { ...e, message, ...(field ? { field } : {}) };
      })
    : problem.errors;
  return {
    problem: { ...problem, detail, ...(errors === undefined ? {} : { errors }) },
    untranslated,
  };
}
