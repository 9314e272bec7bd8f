/**
 * Reading the PDFs we render, as a person would: the text (poppler's pdftotext), each word's box on its page
 * (`pdftotext -bbox`), a page as PNG (pdftoppm) and whether it is blank, and the QR code on a page (jsQR). Needs
 * Debian's poppler-utils (`.ci/run` installs it).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const run = promisify(execFile);

async function withFile<T>(pdf: Uint8Array, work: (file: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'informatif-pdf-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    await writeFile(file, pdf);
    return await work(file, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order; pages are separated by form feeds (\f). */
export async function pdfText(pdf: Uint8Array, options: { layout?: boolean } = {}): Promise<string> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', [...(options.layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  });
}

/** The text of each page. */
export async function pdfPagesText(pdf: Uint8Array): Promise<string[]> {
  const text = await pdfText(pdf);
  const pages = text.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfLayout {
  pages: { width: number; height: number }[];
  words: PdfWord[];
}

/** Every word with its box (points, origin top-left) and each page's size. */
export async function pdfLayout(pdf: Uint8Array): Promise<PdfLayout> {
  const html = await withFile(pdf, async (file) => {
    const { stdout } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  });
  const pages: PdfLayout['pages'] = [];
  const words: PdfWord[] = [];
  const token =
    /<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const m of html.matchAll(token)) {
    if (m[1] !== undefined) pages.push({ width: Number(m[1]), height: Number(m[2]) });
    else
      words.push({
        page: pages.length,
        text: decodeEntities(m[7] ?? ''),
        xMin: Number(m[3]),
        yMin: Number(m[4]),
        xMax: Number(m[5]),
        yMax: Number(m[6]),
      });
  }
  return { pages, words };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Words that reach outside the page less `margin` points on any side (none: the layout does not overflow). */
export function wordsOutside(layout: PdfLayout, margin: number): PdfWord[] {
  return layout.words.filter((w) => {
    const page = layout.pages[w.page - 1];
    if (!page) return true;
    return w.xMin < margin || w.yMin < margin || w.xMax > page.width - margin || w.yMax > page.height - margin;
  });
}

/** Page `page` (1-based) as a PNG at `dpi`. */
export async function pageToPng(pdf: Uint8Array, page = 1, dpi = 100): Promise<Buffer> {
  return withFile(pdf, async (file, dir) => {
    const out = path.join(dir, 'page');
    await run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      out,
    ]);
    return readFile(`${out}.png`);
  });
}

/** The share of pixels that are not near-white (0: a blank page). */
export function inkShare(png: Buffer): number {
  const image = PNG.sync.read(png);
  let ink = 0;
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] ?? 255) < 200 || (data[i + 1] ?? 255) < 200 || (data[i + 2] ?? 255) < 200) ink++;
  }
  return ink / (image.width * image.height);
}

/** The text of the QR code on a rendered page, or null when none is found. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  const found = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  return found?.data ?? null;
}

/** The number of pages (pdfinfo). */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  return withFile(pdf, async (file) => {
    const { stdout } = await run('pdfinfo', [file]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  });
}

/** The text with every run of white space one space: a sentence or a table cell may wrap anywhere on the page. */
export const flat = (text: string) => text.replace(/\s+/g, ' ');
