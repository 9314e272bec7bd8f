import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Text the browser downloads; images such as PNG and fonts such as WOFF2 are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|map)$/;

async function* filesUnder(dir: string): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Writes `file.gz` and `file.br` beside each compressible file of the build, at the highest levels: this runs once
 * per build, so the bytes on an operator's slow connection are what counts, not the seconds here. The Node server
 * picks one by Accept-Encoding (src/lib/node-static.ts); a variant that saves nothing is not written. `fast`
 * (watch mode) trades a few per cent of size for seconds per rebuild.
 */
export async function compressDirectory(dir: string, fast = false): Promise<{ files: number; written: number }> {
  let files = 0;
  let written = 0;
  for await (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file)) continue;
    files++;
    const plain = await readFile(file);
    const [gz, br] = await Promise.all([
      gzipAsync(plain, { level: fast ? 6 : 9 }),
      brotliAsync(plain, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: fast ? 5 : constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
    ]);
    for (const [variant, bytes] of [
      ['gz', gz],
      ['br', br],
    ] as const) {
      if (bytes.length >= plain.length) {
        // a twin left by an earlier build (watch mode) would be served instead of this file
        await rm(`${file}.${variant}`, { force: true });
        continue;
      }
      await writeFile(`${file}.${variant}`, bytes);
      written++;
    }
  }
  return { files, written };
}

/**
 * Compresses the finished build (closeBundle: after every file is on disk). Watch mode (`npm run dev`) compresses
 * too, faster: the server prefers a twin, so a stale one would hide the rebuilt file.
 */
export function compressBuild(outDir: string): Plugin {
  return {
    name: 'informatif-compress',
    apply: 'build',
    async closeBundle() {
      const { files, written } = await compressDirectory(outDir, this.meta.watchMode);
      this.info?.(`compressed ${files} files (${written} .gz/.br variants)`);
    },
  };
}
