/** An If-Match header that carries no version number; http answers it 422 VALIDATION_FAILED naming the header. */
export class InvalidIfMatchError extends Error {
  constructor() {
    super('If-Match must carry a version number.');
    this.name = 'InvalidIfMatchError';
  }
}

/** Reads a version from If-Match (`3`, `"3"` or `W/"3"`); undefined when absent, InvalidIfMatchError when not a version. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m?.[1]) throw new InvalidIfMatchError();
  return Number(m[1]);
}
