import { type Options, parse } from 'csv-parse/sync';
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A file that cannot be read as CSV, with the line where reading failed; http answers it 400 MALFORMED_CSV. */
export class MalformedCsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: string,
  ) {
    super(`The CSV cannot be read: ${reason}`);
    this.name = 'MalformedCsvError';
  }
}

export type CsvDelimiter = ',' | ';';

/**
 * The separator of a file, read from its header line: `;` when it has more semicolons than commas outside quotes
 * (Excel saves `;` in locales whose decimal mark is a comma, Indonesia's among them), else `,`.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/**
 * Parses CSV text into records with the line each starts on (1-based; the header is line 1). The separator is the
 * header line's (`detectDelimiter`) unless given. A malformed file (an unclosed quote, say) throws a MalformedCsvError
 * naming the line.
 *
 * Lines are counted here from the byte offset where each record ends, not taken from csv-parse's `info.lines`, which
 * counts a CRLF inside a quoted field as two lines (files saved on Windows) and puts an unclosed quote on the last line.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvRecord[] {
  const lineAt = lineCounter(new TextEncoder().encode(text));
  let lastEnd = 0;
  try {
    const options: Options<CsvRecord, string[]> = {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (fields, context) => {
        const record = { line: lineAt(lastEnd), fields };
        lastEnd = context.bytes;
        return record;
      },
    };
    // csv-parse's typings give string[][] unless `columns` is set; on_record makes the rows CsvRecords
    return parse(text, options as unknown as Options) as unknown as CsvRecord[];
  } catch (error) {
    const e = error as { code?: string; lines?: number; message?: string };
    const start = lineAt(lastEnd);
    const [line, message] =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? [start, `The quoted field of the record on line ${start} is never closed`]
        : [e.lines ?? start, e.message ?? 'malformed CSV'];
    throw new MalformedCsvError(line, message);
  }
}

const LF = 0x0a;
const CR = 0x0d;
const blank = (b: number | undefined) => b === LF || b === CR || b === 0x20 || b === 0x09;

/**
 * The line of the first record starting at or after a byte offset (skipped blank lines included). Offsets only grow,
 * so the text is walked once: CRLF, LF and a lone CR each end a line.
 */
function lineCounter(bytes: Uint8Array) {
  let pos = 0;
  let line = 1;
  const step = () => {
    const b = bytes[pos];
    if (b === LF || (b === CR && bytes[pos + 1] !== LF)) line++;
    pos++;
  };
  return (offset: number) => {
    while (pos < offset && pos < bytes.length) step();
    while (pos < bytes.length && blank(bytes[pos])) step();
    return line;
  };
}
