import { strToU8, unzipSync, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR, setUnauthorizedHandler } from '../../web/src/api.ts';
import { DOWNLOAD_INCOMPLETE, downloadFile, fileNameOf } from '../../web/src/results/download.ts';
import {
  announcedCount,
  downloadZip,
  endsWithZipEnd,
  ZipEntryCounter,
  type ZipProgress,
} from '../../web/src/results/download-zip.ts';

/**
 * The period page's ZIP progress (web/src/results/download-zip.ts), fed with real archives made by fflate the way the
 * server streams them (entries with data descriptors, `piagam/NNNN-<name>.pdf` then `daftar-piagam.csv`), cut into
 * chunks of every size, and through a fetch whose answers each test scripts.
 */

/** A deterministic byte soup standing in for a PDF; `trap` plants local-header signatures inside the content. */
function fakePdf(seed: number, size: number, trap = false): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed * 2654435761;
  for (let i = 0; i < size; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out.set(strToU8('%PDF-1.4\n'), 0);
  if (trap) {
    // signatures by chance in the content: one with nonsense after it; one that looks like a header (version 2.0,
    // deflated) with a name not ours; one whose "name" runs past the content's end, into the next entry's header
    out.set([0x50, 0x4b, 0x03, 0x04], 100);
    const fake = (at: number, nameLength: number) => {
      out.set([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0], at);
      out[at + 26] = nameLength & 0xff;
      out[at + 27] = nameLength >> 8;
    };
    fake(400, 12);
    fake(size - 40, 600);
  }
  return out;
}

/** A ZIP as the bulk route builds it: the certificates (stored or deflated), the CSV list last. */
function certificatesZip(names: string[], options: { trap?: boolean; deflate?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, data) => {
    if (error) throw error;
    parts.push(data);
  });
  names.forEach((name, i) => {
    const entry = options.deflate
      ? new ZipDeflate(`piagam/${String(i + 1).padStart(4, '0')}-${name}.pdf`, { level: 1 })
      : new ZipPassThrough(`piagam/${String(i + 1).padStart(4, '0')}-${name}.pdf`);
    zip.add(entry);
    entry.push(fakePdf(i + 1, 3000 + i * 17, options.trap), true);
  });
  const csv = new ZipDeflate('daftar-piagam.csv');
  zip.add(csv);
  csv.push(strToU8(`no,nama\n${names.map((n, i) => `${i + 1},${n}`).join('\n')}\n`), true);
  zip.end();
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Cuts bytes into chunks of the given sizes, cycling through them. */
function cut(bytes: Uint8Array, sizes: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = sizes[k % sizes.length] as number;
    chunks.push(bytes.slice(at, at + size));
    at += size;
    k += 1;
  }
  return chunks;
}

const NAMES = [
  'Kementerian-Keuangan',
  'Badan-Pusat-Statistik',
  'Pemerintah-Provinsi-Jawa-Barat',
  'PT-Bank-Rakyat-Indonesia',
  'Universitas-Indonesia',
  'Komisi-Pemilihan-Umum',
  'Badan-Informasi-Geospasial',
];

describe('ZipEntryCounter', () => {
  const zip = certificatesZip(NAMES, { trap: true });
  const expected = NAMES.map((n, i) => `piagam/${String(i + 1).padStart(4, '0')}-${n}.pdf`);

  it.each([
    ['whole', [zip.length]],
    ['one byte at a time', [1]],
    ['seven bytes', [7]],
    ['splitting headers at every offset', [29, 31, 3, 30, 45]],
    ['network-sized', [1400, 16384, 500]],
  ])('counts every certificate once, in order, and not the CSV: %s', (_label, sizes) => {
    const counter = new ZipEntryCounter();
    const counts = cut(zip, sizes).map((c) => counter.push(c));
    expect(counter.names).toEqual(expected);
    expect(counter.count).toBe(NAMES.length);
    // the progress only goes up, one certificate at a time at most per header
    for (let k = 1; k < counts.length; k += 1) expect(counts[k]).toBeGreaterThanOrEqual(counts[k - 1] as number);
    expect(counts.at(-1)).toBe(NAMES.length);
  });

  it('counts a certificate as soon as its header has arrived, before the rest of the archive', () => {
    const plain = certificatesZip(NAMES);
    const name = expected[2] as string;
    // the third certificate's header: its name in the bytes (the first of its two places: the central directory
    // comes last)
    const third = new TextDecoder('latin1').decode(plain).indexOf(name);
    expect(third).toBeGreaterThan(0);
    const counter = new ZipEntryCounter();
    expect(counter.push(plain.slice(0, third + name.length - 1))).toBe(2);
    expect(counter.push(plain.slice(third + name.length - 1, third + name.length))).toBe(3);
  });

  it('a header-like run of bytes inside a certificate delays the count by its "name" at most, never loses one', () => {
    const counter = new ZipEntryCounter();
    const name = expected[2] as string;
    const third = new TextDecoder('latin1').decode(zip).indexOf(name);
    // the second certificate ends with a fake header whose 600-byte "name" reaches past the third's header
    expect(counter.push(zip.slice(0, third + name.length))).toBe(2);
    expect(counter.push(zip.slice(third + name.length, third + 700))).toBe(3);
  });

  it('reads deflated entries alike, and counts nothing in a ZIP of other files', () => {
    const counter = new ZipEntryCounter();
    for (const c of cut(certificatesZip(NAMES.slice(0, 3), { deflate: true }), [113])) counter.push(c);
    expect(counter.count).toBe(3);
    const other = new ZipEntryCounter();
    other.push(certificatesZip([]));
    expect(other.count).toBe(0);
  });
});

describe('endsWithZipEnd and announcedCount', () => {
  it('knows a whole archive from a cut one', () => {
    const zip = certificatesZip(NAMES.slice(0, 2));
    expect(endsWithZipEnd(zip)).toBe(true);
    expect(endsWithZipEnd(zip.slice(0, zip.length - 1))).toBe(false);
    expect(endsWithZipEnd(zip.slice(0, zip.length - 30))).toBe(false);
    expect(endsWithZipEnd(new Uint8Array(0))).toBe(false);
  });

  it('takes only a plain count from the header', () => {
    expect(announcedCount('56')).toBe(56);
    expect(announcedCount(' 0 ')).toBe(0);
    expect(announcedCount(null)).toBeNull();
    expect(announcedCount('-1')).toBeNull();
    expect(announcedCount('5.5')).toBeNull();
    expect(announcedCount('lots')).toBeNull();
  });
});

describe('fileNameOf', () => {
  it('takes the server’s name, the extended form first, else the fallback', () => {
    expect(fileNameOf('attachment; filename="laporan-2025.pdf"', 'x.pdf')).toBe('laporan-2025.pdf');
    expect(fileNameOf('attachment; filename=piagam-2025.zip', 'x.zip')).toBe('piagam-2025.zip');
    expect(fileNameOf(`attachment; filename="a.pdf"; filename*=UTF-8''Laporan%20P%C3%A9ringkat.pdf`, 'x')).toBe(
      'Laporan Péringkat.pdf',
    );
    expect(fileNameOf('attachment; filename="../../etc/passwd"', 'x')).toBe('..-..-etc-passwd');
    expect(fileNameOf('attachment', 'x.pdf')).toBe('x.pdf');
    expect(fileNameOf(null, 'x.pdf')).toBe('x.pdf');
  });
});

/** A fetch answering one scripted response; it records the calls and whether the body was cancelled. */
function scriptedFetch(
  chunks: Uint8Array[],
  init: { status?: number; headers?: Record<string, string>; failAfter?: number; pauseAfter?: number } = {},
) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const state = { cancelled: false, resume: () => {} };
  const fetcher = async (url: string, requestInit?: RequestInit) => {
    seen.push({ url, init: requestInit });
    let k = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (init.pauseAfter !== undefined && k === init.pauseAfter) {
          await new Promise<void>((resolve) => {
            state.resume = resolve;
          });
        }
        if (init.failAfter !== undefined && k === init.failAfter) {
          controller.error(new TypeError('network error'));
          return;
        }
        const chunk = chunks[k];
        k += 1;
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return new Response(body, { status: init.status ?? 200, headers: init.headers });
  };
  return { fetcher, seen, state };
}

const ZIP_HEADERS = {
  'Content-Type': 'application/zip',
  'Content-Disposition': 'attachment; filename="piagam-KIP-2025.zip"',
  'X-Certificate-Count': String(NAMES.length),
};

describe('downloadZip', () => {
  it('reports "n of total" as the stream arrives and hands back the whole archive under the server’s name', async () => {
    const zip = certificatesZip(NAMES, { trap: true });
    const { fetcher, seen } = scriptedFetch(cut(zip, [2048]), { headers: ZIP_HEADERS });
    const progress: ZipProgress[] = [];
    const result = await downloadZip('/api/periods/p1/certificates.zip?lang=id', (p) => progress.push(p), {
      fetch: fetcher,
    });
    expect(seen.map((s) => s.url)).toEqual(['/api/periods/p1/certificates.zip?lang=id']);
    expect(seen[0]?.init?.credentials).toBe('same-origin');
    expect(progress[0]).toEqual({ entries: 0, total: NAMES.length, bytes: 0 });
    expect(progress.at(-1)).toEqual({ entries: NAMES.length, total: NAMES.length, bytes: zip.length });
    // several steps in between, never backwards
    const counts = progress.map((p) => p.entries);
    expect(new Set(counts).size).toBeGreaterThan(3);
    expect([...counts].sort((a, b) => a - b)).toEqual(counts);
    expect(result).toMatchObject({ fileName: 'piagam-KIP-2025.zip', entries: NAMES.length, total: NAMES.length });
    expect(result.blob.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await result.blob.arrayBuffer()));
    expect(Object.keys(files).filter((n) => n.endsWith('.pdf'))).toHaveLength(NAMES.length);
    expect(Object.keys(files).at(-1)).toBe('daftar-piagam.csv');
  });

  it('without a count header: the entries alone, total null', async () => {
    const zip = certificatesZip(NAMES.slice(0, 2));
    const { fetcher } = scriptedFetch([zip], { headers: { 'Content-Type': 'application/zip' } });
    const progress: ZipProgress[] = [];
    const result = await downloadZip('/z', (p) => progress.push(p), { fetch: fetcher });
    expect(progress.at(-1)).toEqual({ entries: 2, total: null, bytes: zip.length });
    expect(result.fileName).toBe('piagam.zip');
  });

  it('a refusal is the problem it sends, and nothing is read', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
      detail: 'Only the commission’s admins and leadership download certificates.',
      code: 'FORBIDDEN',
    };
    const fetcher = async () =>
      new Response(JSON.stringify(problem), { status: 403, headers: { 'Content-Type': 'application/problem+json' } });
    const progress: ZipProgress[] = [];
    const error = await downloadZip('/z', (p) => progress.push(p), { fetch: fetcher }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('FORBIDDEN');
    expect((error as ApiError).status).toBe(403);
    expect((error as ApiError).problem.detail).toBe(problem.detail);
    expect(progress).toEqual([]);
  });

  it('an archive that stops part-way, or a stream that breaks, is DOWNLOAD_INCOMPLETE', async () => {
    const zip = certificatesZip(NAMES);
    const cutShort = scriptedFetch(cut(zip.slice(0, zip.length - 500), [4096]), { headers: ZIP_HEADERS });
    const short = await downloadZip('/z', () => {}, { fetch: cutShort.fetcher }).catch((e: unknown) => e);
    expect((short as ApiError).code).toBe(DOWNLOAD_INCOMPLETE);
    expect((short as ApiError).problem.detail).toMatch(/of 7 certificates/);

    const broken = scriptedFetch(cut(zip, [4096]), { headers: ZIP_HEADERS, failAfter: 2 });
    const error = await downloadZip('/z', () => {}, { fetch: broken.fetcher }).catch((e: unknown) => e);
    expect((error as ApiError).code).toBe(DOWNLOAD_INCOMPLETE);
  });

  it('cancelling stops the read, cancels the stream and rejects with an AbortError', async () => {
    const zip = certificatesZip(NAMES);
    const script = scriptedFetch(cut(zip, [4096]), { headers: ZIP_HEADERS, pauseAfter: 2 });
    const controller = new AbortController();
    const progress: ZipProgress[] = [];
    const pending = downloadZip('/z', (p) => progress.push(p), { fetch: script.fetcher, signal: controller.signal });
    while (progress.length < 3) await new Promise((r) => setTimeout(r, 1));
    controller.abort();
    script.state.resume();
    const error = await pending.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
    expect(script.state.cancelled).toBe(true);
    expect(progress.at(-1)?.entries).toBeLessThan(NAMES.length);
  });
});

describe('downloadFile (a PDF)', () => {
  it('hands back the bytes under the server’s name', async () => {
    const bytes = strToU8('%PDF-1.7 laporan');
    const fetcher = async () =>
      new Response(bytes, {
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': 'attachment; filename="laporan-2025.pdf"',
        },
      });
    const file = await downloadFile('/api/periods/p/report.pdf?lang=id', 'x.pdf', { fetch: fetcher });
    expect(file.fileName).toBe('laporan-2025.pdf');
    expect(new Uint8Array(await file.blob.arrayBuffer())).toEqual(bytes);
  });

  it('a 409 is its problem; a 401 also ends the session; an unreachable server is NETWORK_ERROR', async () => {
    const problem = (status: number, code: string) => async () =>
      new Response(JSON.stringify({ type: 'about:blank', title: code, status, detail: `${code} detail`, code }), {
        status,
        headers: { 'Content-Type': 'application/problem+json' },
      });
    const conflict = await downloadFile('/r', 'x.pdf', { fetch: problem(409, 'STAGE_CLOSED') }).catch((e) => e);
    expect([conflict.status, conflict.code, conflict.problem.detail]).toEqual([
      409,
      'STAGE_CLOSED',
      'STAGE_CLOSED detail',
    ]);

    let signedOut = 0;
    setUnauthorizedHandler(() => {
      signedOut += 1;
    });
    try {
      const unauthorized = await downloadFile('/r', 'x.pdf', { fetch: problem(401, 'UNAUTHENTICATED') }).catch(
        (e) => e,
      );
      expect(unauthorized.status).toBe(401);
      expect(signedOut).toBe(1);
    } finally {
      setUnauthorizedHandler(undefined);
    }

    const offline = await downloadFile('/r', 'x.pdf', {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    }).catch((e) => e);
    expect(offline).toBeInstanceOf(ApiError);
    expect(offline.code).toBe(NETWORK_ERROR);
  });
});
