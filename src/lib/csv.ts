import { parse } from 'csv-parse/sync';
import { AppError } from '../http/errors.ts';

export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Parses CSV text into records with the line each starts on (1-based; the header is line 1). A malformed file (an
 * unclosed quote, say) is a 400 naming the line.
 */
export function parseCsv(text: string): CsvRecord[] {
  try {
    const rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number; raw?: string } }[];
    let lastEnd = 0;
    return rows.map(({ record, info }) => {
      // info.lines is the line the record ends on; a record that spans lines starts after the previous one ended
      const line = Math.max(lastEnd + 1, info.lines - countNewlines(record));
      lastEnd = info.lines;
      return { line, fields: record };
    });
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    throw new AppError('MALFORMED_CSV', `The CSV cannot be read: ${e.message ?? 'malformed'}`, {
      errors: [{ line: e.lines ?? 1, message: e.message ?? 'malformed CSV' }],
    });
  }
}

function countNewlines(fields: string[]): number {
  return fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
}
