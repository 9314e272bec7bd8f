/**
 * The certificates' ZIP (`GET /api/periods/:pid/certificates.zip`) with its progress. The server streams the archive
 * as it renders each certificate and says how many there will be (`X-Certificate-Count`); every entry starts with a
 * ZIP local file header (`PK\x03\x04`, its name at byte 30), so counting the headers named `piagam/…` as the bytes
 * arrive tells how far the server has got, with no ZIP library in the page.
 */

import { abortError, type DownloadOptions, fileNameOf, incomplete, openDownload } from './download.ts';

/** The folder of the certificates inside the ZIP; the list `daftar-piagam.csv` beside it is not counted. */
export const CERTIFICATE_PREFIX = 'piagam/';

/** Length of a local file header before its name; the name's length is the little-endian u16 at byte 26. */
const LOCAL_HEADER = 30;
/** End of central directory: signature, 16 bytes of counts and offsets, the comment's length, then the comment. */
const END_RECORD = 22;
const MAX_COMMENT = 0xffff;

const isSignature = (data: Uint8Array, i: number, third: number, fourth: number) =>
  data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === third && data[i + 3] === fourth;

/** Longer than any certificate's name (a 120-character body name, in UTF-8): a longer one is no header of ours. */
const MAX_NAME = 1024;

/**
 * Whether the 30 bytes at `i` can be a local file header: the signature, a plausible "version needed" (below 10.0),
 * stored or deflated, a name of a sane length. The certificates' own bytes (compressed PDF streams) hold the
 * signature now and then by chance, about once in 4 GB; these checks make such a false header far rarer still, and
 * keep the counter from waiting on a "name" tens of kilobytes long.
 */
function plausibleHeader(data: Uint8Array, i: number): boolean {
  const version = (data[i + 4] ?? 0) | ((data[i + 5] ?? 0) << 8);
  const method = (data[i + 8] ?? 0) | ((data[i + 9] ?? 0) << 8);
  const nameLength = (data[i + 26] ?? 0) | ((data[i + 27] ?? 0) << 8);
  return version < 100 && (method === 0 || method === 8) && nameLength > 0 && nameLength <= MAX_NAME;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/**
 * Counts the local file headers whose name starts with `prefix` in a ZIP read chunk by chunk. A header may straddle
 * two chunks (or more): the bytes from a header's signature that is not yet whole are kept for the next chunk. Each
 * name counts once, so the count never exceeds the entries the archive has.
 */
export class ZipEntryCounter {
  private carry: Uint8Array = new Uint8Array(0);
  private readonly seen = new Set<string>();
  private readonly decoder = new TextDecoder();

  constructor(private readonly prefix = CERTIFICATE_PREFIX) {}

  /** The entries seen so far. */
  get count(): number {
    return this.seen.size;
  }

  /** Their names, in the order they arrived. */
  get names(): string[] {
    return [...this.seen];
  }

  /** Reads the next chunk; returns the count so far. */
  push(chunk: Uint8Array): number {
    const data = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    let i = data.indexOf(0x50);
    let from = data.length - Math.min(3, data.length);
    while (i !== -1 && i + 4 <= data.length) {
      if (isSignature(data, i, 0x03, 0x04)) {
        if (i + LOCAL_HEADER > data.length) {
          // the header goes on in the next chunk: read it again from here then
          from = i;
          break;
        }
        if (!plausibleHeader(data, i)) {
          i = data.indexOf(0x50, i + 1);
          continue;
        }
        const nameLength = (data[i + 26] ?? 0) | ((data[i + 27] ?? 0) << 8);
        const end = i + LOCAL_HEADER + nameLength;
        if (end > data.length) {
          // its name goes on in the next chunk
          from = i;
          break;
        }
        const name = this.decoder.decode(data.subarray(i + LOCAL_HEADER, end));
        if (name.startsWith(this.prefix) && name.length > this.prefix.length) {
          this.seen.add(name);
          i = data.indexOf(0x50, end);
          continue;
        }
      }
      i = data.indexOf(0x50, i + 1);
    }
    // a copy: the chunk's buffer belongs to the stream
    this.carry = data.slice(Math.max(0, from));
    return this.count;
  }
}

/** Whether the bytes end with a ZIP's end of central directory record (whose comment runs to the last byte). */
export function endsWithZipEnd(tail: Uint8Array): boolean {
  for (let i = tail.length - END_RECORD; i >= 0 && i >= tail.length - END_RECORD - MAX_COMMENT; i -= 1) {
    if (!isSignature(tail, i, 0x05, 0x06)) continue;
    const commentLength = (tail[i + 20] ?? 0) | ((tail[i + 21] ?? 0) << 8);
    if (i + END_RECORD + commentLength === tail.length) return true;
  }
  return false;
}

/** The last `size` bytes of a list of chunks. */
function tailOf(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (let k = chunks.length - 1; k >= 0 && length < size; k -= 1) {
    const chunk = chunks[k] as Uint8Array;
    const take = Math.min(chunk.length, size - length);
    parts.unshift(chunk.subarray(chunk.length - take));
    length += take;
  }
  return parts.reduce((a, b) => concat(a, b), new Uint8Array(0));
}

export interface ZipProgress {
  /** Certificates received so far. */
  entries: number;
  /** How many the server announced (X-Certificate-Count), or null when it did not say. */
  total: number | null;
  /** Bytes received so far. */
  bytes: number;
}

export interface ZipRead {
  chunks: Uint8Array[];
  entries: number;
  names: string[];
  bytes: number;
  /** The archive's end record arrived: the ZIP is whole. */
  complete: boolean;
}

/**
 * Reads a ZIP stream to its end, reporting progress after every chunk that arrives. A cancel (the signal) stops the
 * read and rejects with an AbortError; a stream that breaks rejects with DOWNLOAD_INCOMPLETE.
 */
export async function readZipStream(
  body: ReadableStream<Uint8Array>,
  total: number | null,
  onProgress: (progress: ZipProgress) => void,
  signal?: AbortSignal,
): Promise<ZipRead> {
  const reader = body.getReader();
  const counter = new ZipEntryCounter();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  const stop = () => {
    void reader.cancel().catch(() => undefined);
  };
  if (signal?.aborted) {
    stop();
    throw abortError();
  }
  signal?.addEventListener('abort', stop, { once: true });
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        if (signal?.aborted) throw abortError();
        throw incomplete(error instanceof Error ? error.message : String(error));
      }
      if (signal?.aborted) throw abortError();
      if (next.done) break;
      chunks.push(next.value);
      bytes += next.value.byteLength;
      onProgress({ entries: counter.push(next.value), total, bytes });
    }
  } finally {
    signal?.removeEventListener('abort', stop);
  }
  return {
    chunks,
    entries: counter.count,
    names: counter.names,
    bytes,
    complete: endsWithZipEnd(tailOf(chunks, END_RECORD + MAX_COMMENT)),
  };
}

/** The announced count: a non-negative integer header, else null. */
export function announcedCount(header: string | null): number | null {
  if (header === null || !/^\d{1,7}$/.test(header.trim())) return null;
  return Number(header.trim());
}

export interface ZipDownload {
  blob: Blob;
  fileName: string;
  entries: number;
  total: number | null;
}

/**
 * Downloads the certificates' ZIP with progress: the problem+json of a refusal as an ApiError, a cancel as an
 * AbortError, an archive without its end (the server stopped part-way) as DOWNLOAD_INCOMPLETE; nothing broken is
 * handed back to be saved.
 */
export async function downloadZip(
  url: string,
  onProgress: (progress: ZipProgress) => void,
  options: DownloadOptions = {},
): Promise<ZipDownload> {
  const response = await openDownload(url, options);
  const total = announcedCount(response.headers.get('X-Certificate-Count'));
  const fileName = fileNameOf(response.headers.get('Content-Disposition'), 'piagam.zip');
  onProgress({ entries: 0, total, bytes: 0 });
  if (!response.body) throw incomplete('The answer had no body.', response.status);
  const read = await readZipStream(response.body, total, onProgress, options.signal);
  if (!read.complete) {
    throw incomplete(
      `The archive ended after ${read.entries}${total === null ? '' : ` of ${total}`} certificates.`,
      response.status,
    );
  }
  return {
    blob: new Blob(read.chunks as BlobPart[], { type: 'application/zip' }),
    fileName,
    entries: read.entries,
    total,
  };
}
