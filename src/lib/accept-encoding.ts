/**
 * The content codings an Accept-Encoding header allows among those `offered`, in the order offered (best first). A
 * coding with q=0 is refused; `*` stands for every coding the header does not name; `x-gzip` is gzip. No header, or
 * an empty one: none (the identity). One reading of the header for the static files (lib/node-static.ts) and the
 * JSON answers (http/compress.ts).
 */
export function acceptedEncodings<T extends string>(header: string | undefined, offered: readonly T[]): T[] {
  if (!header) return [];
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [rawName, ...params] = part.trim().split(';');
    const name = rawName?.trim().toLowerCase();
    if (!name) continue;
    let weight = 1;
    for (const param of params) {
      const [key, value] = param.trim().split('=');
      if (key?.trim().toLowerCase() === 'q') weight = Number(value);
    }
    q.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (name: string) => q.get(name) ?? (name === 'gzip' ? q.get('x-gzip') : undefined) ?? q.get('*') ?? 0;
  return offered.filter((name) => weightOf(name) > 0);
}
