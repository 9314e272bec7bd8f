/**
 * The submission receipt's fingerprint (issue 25, item 7): what a body submitted, written out canonically so that anyone
 * holding the stored answers can recompute the same SHA-256 and show that nothing changed since. Pure: the hash itself
 * is taken by the caller (the server with @noble/hashes), over the UTF-8 bytes of `canonicalSubmission`.
 */

/** One submitted answer with its evidence as the fingerprint covers it. */
export interface ReceiptAnswer {
  questionCode: string;
  value: unknown;
  note: string | null;
  /** In the order the body gave them: a link, or a file by the SHA-256 of its bytes (a copy keeps its content's hash). */
  evidence: ({ url: string } | { sha256: string })[];
}

/** The version of the serialisation below, written into it: a later change of the rules gets a new number. */
export const RECEIPT_FORMAT = 1;

/** JSON with object keys sorted at every depth and no whitespace: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * The canonical text of a submission's answers: answered questions only, ordered by question code; a checklist's items
 * sorted (their order carries no meaning); evidence kept in its order.
 */
export function canonicalSubmission(answers: readonly ReceiptAnswer[]): string {
  const rows = answers
    .filter((a) => a.value !== null && a.value !== undefined)
    .map((a) => ({
      q: a.questionCode,
      v: Array.isArray(a.value) ? [...(a.value as string[])].sort() : a.value,
      n: a.note ?? null,
      e: a.evidence.map((e) => ('url' in e ? { url: e.url } : { sha256: e.sha256 })),
    }))
    .sort((a, b) => (a.q < b.q ? -1 : a.q > b.q ? 1 : 0));
  return canonicalJson({ format: RECEIPT_FORMAT, answers: rows });
}

/** A hex fingerprint in groups of four, eight groups a line, for reading aloud or comparing by eye. */
export function groupFingerprint(hex: string): string[] {
  const groups = hex.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += 8) lines.push(groups.slice(i, i + 8).join(' '));
  return lines;
}
