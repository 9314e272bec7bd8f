import { type ReactNode, useEffect, useId, useRef } from 'react';

/**
 * A modal confirmation on the native <dialog>: the browser keeps the focus inside, Escape cancels, and the focus
 * returns to the button that opened it.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  onClose,
  wide,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  onClose: () => void;
  /** Room for a table (a stage move's figures per category) on a desktop; a phone's width is the same. */
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // several dialogs may share a page: each is named by its own title
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
