import { type AnchorHTMLAttributes, type MouseEvent, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';
import { useStatus } from '../status.tsx';
import { downloadFile, isAbort, saveBlob } from './download.ts';

/**
 * One file download at a time: fetched (so a refusal shows as its problem, beside what asked for it), saved under
 * the server's name, announced; cancelled when the page that started it goes away. The failure is the hook's `error`,
 * or goes to `onError` when one place shows the failures of several downloads (a table of links).
 */
export function useFileDownload(onError?: (error: unknown) => void) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [busy, setBusy] = useState(false);
  const [ownError, setOwnError] = useState<unknown>(null);
  const setError = onError ?? setOwnError;
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  const run = async (url: string, fallbackName: string) => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setBusy(true);
    setError(null);
    try {
      const { blob, fileName } = await downloadFile(url, fallbackName, { signal: current.signal });
      saveBlob(blob, fileName);
      announce(t('documents.saved', { name: fileName }));
    } catch (e) {
      if (!isAbort(e)) setError(e);
    } finally {
      if (controller.current === current) {
        controller.current = null;
        setBusy(false);
      }
    }
  };
  return { busy, error: ownError, run };
}

/**
 * A file as a link to its address (open it in a tab, copy it), fetched through `useFileDownload` when clicked so that
 * a refusal shows as its problem (`onError`) rather than being saved as the file. `label` is the visible text (the
 * end of the accessible name, as voice control users say it: WCAG 2.5.3), `hiddenLabel` what goes before it.
 */
export function DownloadLink({
  url,
  fallbackName,
  onError,
  label,
  hiddenLabel,
  ...anchor
}: {
  url: string;
  /** The name to save under when the server gives none. */
  fallbackName: string;
  onError: (error: unknown) => void;
  label: string;
  hiddenLabel?: string;
} & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href' | 'onClick' | 'children' | 'onError'>) {
  const { t } = useI18n();
  const download = useFileDownload(onError);
  const click = (event: MouseEvent<HTMLAnchorElement>) => {
    // a click that opens a tab or a window goes to the browser
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!download.busy) void download.run(url, fallbackName);
  };
  return (
    <a {...anchor} href={url} aria-busy={download.busy} onClick={click}>
      {hiddenLabel && <span className="sr-only">{hiddenLabel} </span>}
      {download.busy ? t('documents.downloading') : label}
    </a>
  );
}
