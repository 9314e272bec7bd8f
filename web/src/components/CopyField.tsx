import { useRef, useState } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** A read-only value (an invitation link) with a copy button that says when it has copied. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
    } catch {
      // no clipboard permission (an insecure origin, say): select the text so the person can copy it themselves
      input.current?.select();
      setCopied('no');
    }
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-row">
        <input
          ref={input}
          id={id}
          type="text"
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="mono"
        />
        <button type="button" className="btn btn-secondary" onClick={copy}>
          {t('common.copy')}
        </button>
      </div>
      <p className="hint" aria-live="polite">
        {copied === 'yes' ? t('common.copied') : copied === 'no' ? t('common.copyManually') : ''}
      </p>
    </div>
  );
}
