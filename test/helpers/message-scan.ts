/**
 * Finds the user-facing message literals of the server's source (issue 25 item 8): the string and template literals
 * passed to `new AppError(code, …)`, `validationFailed(…)`, `forbidden(…)`, `notFound(…)` (as `No such <what>.`) and a
 * module's line `problem(…)`, and the values of `message:` properties (the `errors[]` entries, the domain's issues),
 * a ternary's literals included. A template literal's `${…}` becomes `{x}`, as in the catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface FoundMessage {
  /** The message as a catalogue template: `${…}` → `{x}`. */
  template: string;
  file: string;
  line: number;
}

interface Literal {
  start: number;
  end: number;
  depth: number;
  text: string;
}

const CALLS: Record<string, (text: string) => string> = {
  'new AppError(': (t) => t,
  'validationFailed(': (t) => t,
  'forbidden(': (t) => t,
  'notFound(': (t) => `No such ${t}.`,
  'problem(': (t) => t,
  // errors of src/lib/ that http/errors.ts answers with their own message
  'new UploadError(': (t) => t,
  'new MalformedCsvError(': (t) => t,
  'super(': (t) => t, // in src/lib/ only
};

/** Functions that return a message: the domain's stage rule, the text guard. */
const RETURNING = /function (\w+Problem|badText)\(/g;

/** Every string and template literal of a source with the bracket depth it sits at; comments skipped. */
function literalsOf(source: string): { literals: Literal[]; depthAt: (pos: number) => number } {
  const literals: Literal[] = [];
  const depths: number[] = new Array(source.length).fill(0);
  let depth = 0;
  let i = 0;
  const readTemplate = (from: number): { end: number; text: string } => {
    // from: the index after the opening backtick
    let j = from;
    let text = '';
    while (j < source.length && source[j] !== '`') {
      if (source[j] === '\\') {
        text += source.slice(j, j + 2);
        j += 2;
      } else if (source[j] === '$' && source[j + 1] === '{') {
        let inner = 1;
        j += 2;
        while (j < source.length && inner > 0) {
          const ch = source[j];
          if (ch === '`') {
            j = readTemplate(j + 1).end;
            continue;
          }
          if (ch === "'" || ch === '"') {
            j = readQuoted(j).end;
            continue;
          }
          const regexEnd = ch === '/' ? skipRegex(j) : undefined;
          if (regexEnd !== undefined) {
            j = regexEnd;
            continue;
          }
          if (ch === '{') inner++;
          if (ch === '}') inner--;
          j++;
        }
        text += '{x}';
      } else {
        text += source[j];
        j++;
      }
    }
    return { end: j + 1, text };
  };
  const readQuoted = (from: number): { end: number; text: string } => {
    const quote = source[from];
    let j = from + 1;
    let text = '';
    while (j < source.length && source[j] !== quote) {
      if (source[j] === '\\') {
        const next = source[j + 1];
        text += next === 'n' ? '\n' : next;
        j += 2;
      } else {
        text += source[j];
        j++;
      }
    }
    return { end: j + 1, text };
  };
  /** The end of a regex literal starting at `from` (after an operator or `return`), else undefined. */
  function skipRegex(from: number): number | undefined {
    const before = source.slice(Math.max(0, from - 12), from);
    if (!/(?:[=(,:!&|?;{}[]|\breturn|\btypeof)\s*$/.test(before) || /[ /*]/.test(source[from + 1] ?? ' ')) {
      return undefined;
    }
    let j = from + 1;
    let inClass = false;
    while (j < source.length && source[j] !== '\n') {
      if (source[j] === '\\') j++;
      else if (source[j] === '[') inClass = true;
      else if (source[j] === ']') inClass = false;
      else if (source[j] === '/' && !inClass) return j + 1;
      j++;
    }
    return undefined;
  }
  while (i < source.length) {
    const ch = source[i] as string;
    depths[i] = depth;
    if (ch === '/' && source[i + 1] === '/') {
      const nl = source.indexOf('\n', i);
      i = nl < 0 ? source.length : nl;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const close = source.indexOf('*/', i + 2);
      i = close < 0 ? source.length : close + 2;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') {
      const { end, text } = ch === '`' ? readTemplate(i + 1) : readQuoted(i);
      literals.push({ start: i, end, depth, text });
      for (let k = i; k < end && k < source.length; k++) depths[k] = depth;
      i = end;
      continue;
    }
    const regexEnd = ch === '/' ? skipRegex(i) : undefined;
    if (regexEnd !== undefined) {
      i = regexEnd;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') depth--;
    i++;
  }
  return { literals, depthAt: (pos) => depths[pos] ?? 0 };
}

/** The end of an expression that starts at `from` at bracket depth `depth`: the next `,` or closing bracket there. */
function expressionEnd(source: string, from: number, depth: number, depthAt: (pos: number) => number): number {
  for (let j = from; j < source.length; j++) {
    const d = depthAt(j);
    const ch = source[j];
    if (d === depth && (ch === ',' || ch === ';')) return j;
    if (d === depth && (ch === ')' || ch === ']' || ch === '}')) return j;
    if (d < depth) return j;
  }
  return source.length;
}

/** A literal compared rather than shown (`x === 'a'`), or a key/code: not a message. */
function isShown(source: string, literal: Literal): boolean {
  const before = source.slice(Math.max(0, literal.start - 5), literal.start);
  const after = source.slice(literal.end, literal.end + 5);
  if (/[!=]==?\s*$/.test(before) || /^\s*[!=]==?/.test(after)) return false;
  if (/^\s*\./.test(after)) return false; // 'a'.repeat(…), `…`.length
  if (/^\s*\]/.test(after) && /\[\s*$/.test(before)) return false;
  return /[A-Za-z]/.test(literal.text);
}

export function scanSource(source: string, file: string): FoundMessage[] {
  const { literals, depthAt } = literalsOf(source);
  const found: FoundMessage[] = [];
  const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
  const take = (from: number, to: number, depth: number, shape: (t: string) => string, codes = false) => {
    for (const literal of literals) {
      if (literal.start < from || literal.start >= to || literal.depth !== depth) continue;
      if (!isShown(source, literal)) continue;
      if (/^[A-Z][A-Z0-9_]*$/.test(literal.text)) continue; // an error code
      if (codes && /^[a-z]+(-[a-z]+)*$/.test(literal.text)) continue; // an upload refusal's reason
      found.push({ template: shape(literal.text), file, line: lineOf(literal.start) });
    }
  };
  for (const [call, shape] of Object.entries(CALLS)) {
    let at = source.indexOf(call);
    while (at >= 0) {
      const previous = source[at - 1] ?? ' ';
      const open = at + call.length - 1;
      const relevant = call !== 'super(' || file.startsWith('src/lib/');
      if (relevant && !/[A-Za-z0-9_$.]/.test(previous) && !isInsideLiteral(literals, at)) {
        const depth = depthAt(open) + 1;
        let argStart = open + 1;
        while (argStart < source.length) {
          const end = expressionEnd(source, argStart, depth, depthAt);
          take(argStart, end, depth, shape, call === 'new UploadError(');
          if (source[end] !== ',') break;
          argStart = end + 1;
        }
      }
      at = source.indexOf(call, at + 1);
    }
  }
  for (let m = RETURNING.exec(source); m; m = RETURNING.exec(source)) {
    const open = source.indexOf('{', source.indexOf(')', m.index));
    const depth = depthAt(open) + 1;
    const end = expressionEnd(source, open + 1, depth - 1, depthAt);
    const returns = /\breturn\s+/g;
    returns.lastIndex = open;
    for (let r = returns.exec(source); r && r.index < end; r = returns.exec(source)) {
      const from = r.index + r[0].length;
      take(from, expressionEnd(source, from, depthAt(from), depthAt), depthAt(from), (t) => t);
    }
  }
  const property = /\bmessage:\s*/g;
  for (let m = property.exec(source); m; m = property.exec(source)) {
    if (isInsideLiteral(literals, m.index)) continue;
    const from = m.index + m[0].length;
    const depth = depthAt(m.index);
    take(from, expressionEnd(source, from, depth, depthAt), depth, (t) => t);
  }
  return found;
}

function isInsideLiteral(literals: Literal[], pos: number): boolean {
  return literals.some((l) => pos > l.start && pos < l.end);
}

/** Files whose literals are not messages people meet: the catalogue itself, the demo's seeded texts, the CLI. */
const SKIPPED = [
  /messages-catalogue\.ts$/,
  /^src\/(env|bootstrap|server|worker)\.ts$/,
  /^src\/modules\/demo\//,
  /^src\/cli\//,
  /^src\/modules\/pdf\/documents\//,
];

export function scanMessages(root: string): FoundMessage[] {
  const out: FoundMessage[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        const file = relative(root, full).replaceAll('\\', '/');
        if (SKIPPED.some((s) => s.test(file))) continue;
        out.push(...scanSource(readFileSync(full, 'utf8'), file));
      }
    }
  };
  walk(join(root, 'src'));
  return out;
}
