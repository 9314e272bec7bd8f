import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedEncodings } from '../../src/lib/accept-encoding.ts';
import { createNodeStatic } from '../../src/lib/node-static.ts';
import { compressDirectory } from '../../web/build/compress.ts';

const request = (acceptEncoding?: string) => ({
  req: { header: (name: string) => (name.toLowerCase() === 'accept-encoding' ? acceptEncoding : undefined) },
});

describe('acceptedEncodings', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['identity', []],
    ['gzip, deflate, br, zstd', ['br', 'gzip']],
    ['gzip', ['gzip']],
    ['x-gzip', ['gzip']],
    ['BR;q=0.5, gzip;q=1', ['br', 'gzip']],
    ['br;q=0, gzip', ['gzip']],
    ['*', ['br', 'gzip']],
    ['*;q=0.1, gzip;q=0', ['br']],
    ['br;q=0, gzip;q=0', []],
  ])('%j -> %j', (header, expected) => {
    expect(acceptedEncodings(header, ['br', 'gzip'])).toEqual(expected);
  });
});

describe('acceptedEncodings, as the JSON answers offer them (gzip, then deflate)', () => {
  it.each([
    ['gzip, deflate, br', ['gzip', 'deflate']],
    ['deflate', ['deflate']],
    ['gzip;q=0, *', ['deflate']],
    ['br', []],
  ])('%j -> %j', (header, expected) => {
    expect(acceptedEncodings(header, ['gzip', 'deflate'])).toEqual(expected);
  });
});

describe('createNodeStatic', () => {
  let root: string;
  const script = `export const greeting = ${JSON.stringify('halo '.repeat(2000))};\n`;
  const page = `<!doctype html><title>Informatif</title>${'<p>halaman</p>'.repeat(200)}`;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'informatif-static-'));
    await mkdir(path.join(root, 'assets'));
    await writeFile(path.join(root, 'assets', 'app-abc123.js'), script);
    await writeFile(path.join(root, 'index.html'), page);
    await writeFile(path.join(root, 'favicon.svg'), '<svg/>');
    await writeFile(path.join(root, 'assets', 'tiny.css'), 'body{margin:0}');
    // a twin that no longer saves bytes, left by an earlier build: removed, else it would be served
    await writeFile(path.join(root, 'assets', 'tiny.css.gz'), gzipSync('body{margin:0}'));
    const result = await compressDirectory(root);
    expect(result).toEqual({ files: 4, written: 4 }); // a twin that saves nothing (the tiny icon, the css) is skipped
    expect(existsSync(path.join(root, 'assets', 'tiny.css.gz'))).toBe(false);
    // a file with only a gzip twin: a client that accepts only brotli gets it plain
    await writeFile(path.join(root, 'assets', 'only-gz.css'), 'body{margin:0}');
    await writeFile(path.join(root, 'assets', 'only-gz.css.gz'), gzipSync('body{margin:0}'));
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('sends brotli to a browser that accepts it, immutable under /assets/', async () => {
    const serve = createNodeStatic(root);
    const response = await serve(request('gzip, deflate, br, zstd'), '/assets/app-abc123.js');
    expect(response?.status).toBe(200);
    expect(response?.headers.get('content-encoding')).toBe('br');
    expect(response?.headers.get('vary')).toBe('Accept-Encoding');
    expect(response?.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(response?.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await (response as Response).arrayBuffer());
    expect(bytes.length).toBeLessThan(script.length / 10);
    expect(brotliDecompressSync(bytes).toString()).toBe(script);
  });

  it('sends gzip when brotli is not accepted, and pages revalidate', async () => {
    const serve = createNodeStatic(root);
    const response = await serve(request('gzip, deflate'), '/index.html');
    expect(response?.headers.get('content-encoding')).toBe('gzip');
    expect(response?.headers.get('vary')).toBe('Accept-Encoding');
    expect(response?.headers.get('cache-control')).toBe('no-cache');
    expect(gunzipSync(Buffer.from(await (response as Response).arrayBuffer())).toString()).toBe(page);
  });

  it('falls back to the plain file when no coding is accepted, still saying it varies', async () => {
    const serve = createNodeStatic(root);
    for (const header of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const response = await serve(request(header), '/assets/app-abc123.js');
      expect(response?.headers.get('content-encoding')).toBeNull();
      expect(response?.headers.get('vary')).toBe('Accept-Encoding');
      expect(await response?.text()).toBe(script);
    }
    // without a request at all (a caller that has none)
    expect(await (await serve(undefined, '/index.html'))?.text()).toBe(page);
  });

  it('uses the twin that exists: gzip when only gzip was written, plain for brotli-only clients', async () => {
    const serve = createNodeStatic(root);
    expect((await serve(request('br, gzip'), '/assets/only-gz.css'))?.headers.get('content-encoding')).toBe('gzip');
    const brOnly = await serve(request('br'), '/assets/only-gz.css');
    expect(brOnly?.headers.get('content-encoding')).toBeNull();
    expect(await brOnly?.text()).toBe('body{margin:0}');
  });

  it('sends a file plain, without Vary, when compression saved nothing and it has no twins', async () => {
    const serve = createNodeStatic(root);
    const response = await serve(request('br, gzip'), '/favicon.svg');
    expect(response?.headers.get('content-encoding')).toBeNull();
    expect(response?.headers.get('vary')).toBeNull();
    expect(response?.headers.get('content-type')).toBe('image/svg+xml');
  });

  it('serves nothing outside the root and nothing for a missing file', async () => {
    const serve = createNodeStatic(root);
    expect(await serve(request('br'), '/../package.json')).toBeUndefined();
    expect(await serve(request('br'), '/%2e%2e/package.json')).toBeUndefined();
    expect(await serve(request('br'), '/assets/missing.js')).toBeUndefined();
    expect(await serve(request('br'), '/assets')).toBeUndefined();
  });
});
