import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { acceptedEncodings } from './accept-encoding.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** The precompressed twins the build writes (web/build/compress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const ENCODING_NAMES = ENCODINGS.map((e) => e.name);

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Just what is read of the request: its Accept-Encoding (Hono's Context fits; lib/ imports nothing of http/). */
interface StaticRequest {
  req: { header(name: string): string | undefined };
}

/**
 * Serves files of the built web client from `root`; hashed assets are cached for a year, pages revalidated. A file
 * with a precompressed twin (`.br`, `.gz`) is sent as the best twin the client accepts, with Content-Encoding and
 * `Vary: Accept-Encoding` so that caches keep the variants apart; otherwise the plain file.
 */
export function createNodeStatic(root: string) {
  const base = path.resolve(root);
  return async (c: StaticRequest | undefined, urlPath: string): Promise<Response | undefined> => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const file = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
    if (!file.startsWith(base + path.sep)) return undefined;
    if (!(await isFile(file))) return undefined;

    const headers: Record<string, string> = {
      'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'Cache-Control': decoded.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    let variants = 0;
    const accepted = acceptedEncodings(c?.req.header('accept-encoding'), ENCODING_NAMES);
    for (const encoding of ENCODINGS) {
      if (!(await isFile(file + encoding.suffix))) continue;
      variants++;
      if (!accepted.includes(encoding.name)) continue;
      const body = await readFile(file + encoding.suffix);
      return new Response(body, {
        headers: { ...headers, 'Content-Encoding': encoding.name, Vary: 'Accept-Encoding' },
      });
    }
    // the plain file; when twins exist, a cache must still know that the answer depended on Accept-Encoding
    if (variants > 0) headers.Vary = 'Accept-Encoding';
    return new Response(await readFile(file), { headers });
  };
}
