import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** How long an undo is offered. */
const UNDO_MS = 15_000;

/**
 * "Jawaban 1.2 dihapus. [Urungkan]": offered for a while after an answer is cleared or an evidence item removed; the
 * undo puts it back through the normal autosave. A polite live region, so the offer is heard as well as seen.
 */
export function UndoToast({
  text,
  onUndo,
  onDismiss,
}: {
  text: string | null;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  useEffect(() => {
    if (!text) return;
    const timer = window.setTimeout(onDismiss, UNDO_MS);
    return () => window.clearTimeout(timer);
  }, [text, onDismiss]);
  return (
    <div className="undo-toast" role="status" aria-live="polite" hidden={!text}>
      {text && (
        <>
          <span className="undo-text">{text}</span>
          <button type="button" className="btn btn-secondary btn-small undo-button" onClick={onUndo}>
            {t('saq.undo.button')}
          </button>
          <button type="button" className="btn-link undo-close" onClick={onDismiss}>
            {t('common.dismiss')}
          </button>
        </>
      )}
    </div>
  );
}
