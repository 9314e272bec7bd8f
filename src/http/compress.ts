import { createMiddleware } from 'hono/factory';
import { acceptedEncodings } from '../lib/accept-encoding.ts';
import type { AppEnv } from './context.ts';
import { builtWhole } from './security-headers.ts';

/** Smaller answers gain too little to pay for a compression stream (and a gzip header of their own). */
export const COMPRESS_THRESHOLD = 1024;
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json/i;

/**
 * Compresses JSON answers of COMPRESS_THRESHOLD bytes or more when the client accepts gzip or deflate (a long list of
 * bodies shrinks several times). Not the autosave's answers (`jsonResponse`: small, and on the hot path), not a body
 * already encoded (the static files are pre-compressed by lib/node-static.ts, and are not under /api anyway).
 * CompressionStream is a web standard: Node 20 and Workers both have it.
 */
export const compressJson = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    await next();
    const res = c.res;
    if (builtWhole(res) || !res.body || c.req.method === 'HEAD' || res.status === 204 || res.status === 206) return;
    if (res.headers.has('content-encoding') || !JSON_TYPE.test(res.headers.get('content-type') ?? '')) return;
    const vary = res.headers.get('vary');
    if (!vary) res.headers.set('vary', 'Accept-Encoding');
    else if (!/accept-encoding|\*/i.test(vary)) res.headers.set('vary', `${vary}, Accept-Encoding`);
    // gzip first; CompressionStream has no brotli
    const [encoding] = acceptedEncodings(c.req.header('accept-encoding'), ['gzip', 'deflate'] as const);
    if (!encoding) return;
    const declared = res.headers.get('content-length');
    if (declared !== null && Number(declared) < COMPRESS_THRESHOLD) return;
    // a JSON answer is a string in memory: reading it to learn its size costs little
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength < COMPRESS_THRESHOLD) {
      c.res = new Response(bytes, res);
      return;
    }
    c.res = new Response(new Blob([bytes]).stream().pipeThrough(new CompressionStream(encoding)), res);
    // after the assignment: Hono carries the old response's headers over to the new one
    c.res.headers.delete('content-length');
    c.res.headers.set('content-encoding', encoding);
  });
