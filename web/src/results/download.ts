/**
 * Files the API sends as downloads (the PDFs, the certificates' ZIP): fetched rather than followed as links, so that a
 * refusal (409 before the results stage, 404, 503 on a host without a renderer) is shown as the problem it is instead
 * of being saved as a file, then handed to the browser as a Blob under the name the server gave it.
 */

import { ApiError, failureOf, interfaceLanguage, networkError } from '../api.ts';

/** A download that ended before its file did (the stream broke, or the ZIP has no end): nothing is saved. */
export const DOWNLOAD_INCOMPLETE = 'DOWNLOAD_INCOMPLETE';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface DownloadOptions {
  signal?: AbortSignal;
  /** The fetch to use (tests give their own); the browser's by default. */
  fetch?: FetchLike;
}

export const isAbort = (error: unknown) => error instanceof DOMException && error.name === 'AbortError';

export function abortError(): DOMException {
  return new DOMException('The download was cancelled.', 'AbortError');
}

export function incomplete(detail: string, status = 200): ApiError {
  return new ApiError({ type: 'about:blank', title: 'Download incomplete', status, detail, code: DOWNLOAD_INCOMPLETE });
}

/** Letters a file name may not carry on the disk (the browser cleans the rest). */
const cleanName = (name: string) => name.replace(/[\\/:*?"<>|\p{Cc}]+/gu, '-').trim();

/** The file name the server gives (Content-Disposition: `filename*=UTF-8''…` first, then `filename=`), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (extended) {
    try {
      const name = cleanName(decodeURIComponent(extended));
      if (name) return name;
    } catch {
      // a malformed escape: the plain name, or the fallback
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  const name = cleanName(plain?.[1] ?? plain?.[2] ?? '');
  return name || fallback;
}

/**
 * Opens a download: the response when it is a success, else the ApiError its problem+json describes (a 401 ends the
 * session as any request does); a network failure is NETWORK_ERROR; a cancel rejects with the AbortError.
 */
export async function openDownload(url: string, options: DownloadOptions = {}): Promise<Response> {
  const fetcher = options.fetch ?? ((input, init) => fetch(input, init));
  let response: Response;
  try {
    response = await fetcher(url, {
      credentials: 'same-origin',
      headers: {
        Accept: 'application/pdf, application/zip, application/problem+json',
        'Accept-Language': interfaceLanguage(),
      },
      signal: options.signal,
    });
  } catch (error) {
    if (isAbort(error) || options.signal?.aborted) throw abortError();
    throw networkError(error);
  }
  if (!response.ok) throw await failureOf(response, false, 'GET');
  return response;
}

/** A whole file (a PDF) as a Blob with its name; rejects as `openDownload` does, or DOWNLOAD_INCOMPLETE. */
export async function downloadFile(
  url: string,
  fallbackName: string,
  options: DownloadOptions = {},
): Promise<{ blob: Blob; fileName: string }> {
  const response = await openDownload(url, options);
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    if (isAbort(error) || options.signal?.aborted) throw abortError();
    throw incomplete(error instanceof Error ? error.message : String(error), response.status);
  }
  return { blob, fileName: fileNameOf(response.headers.get('Content-Disposition'), fallbackName) };
}

/**
 * Saves a Blob as a file: a Blob URL clicked through a temporary `<a download>`. The URL is released a minute later,
 * not at once: some browsers are still reading it when the click returns.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
