import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useStatus } from '../status.tsx';
import { type PublishResult, resultsApi } from './results-api.ts';

/**
 * Publishing the results under a decree: its number and date, then a confirmation that says it is final (and, for an
 * amendment, that a diff is kept and certificates follow). The first publication is version 1, each later one amends.
 */
export function PublishForm({
  pid,
  latestVersion,
  pendingCorrections,
  onPublished,
}: {
  pid: string;
  latestVersion: number | null;
  pendingCorrections: number;
  onPublished: (result: PublishResult) => void;
}) {
  const { t, formatDate } = useI18n();
  const { announce } = useStatus();
  const [decreeNumber, setDecreeNumber] = useState('');
  const [decreeDate, setDecreeDate] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const amendment = latestVersion !== null;
  const numberError = attempted && decreeNumber.trim() === '' ? t('results.publish.numberRequired') : undefined;
  const dateError =
    attempted && !/^\d{4}-\d{2}-\d{2}$/.test(decreeDate) ? t('results.publish.dateRequired') : undefined;

  const ask = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    if (decreeNumber.trim() === '') {
      document.getElementById('publish-number')?.focus();
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(decreeDate)) {
      document.getElementById('publish-date')?.focus();
      return;
    }
    setOpen(true);
  };

  const publish = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await resultsApi.publish(pid, { decreeNumber: decreeNumber.trim(), decreeDate });
      setOpen(false);
      setDecreeNumber('');
      setDecreeDate('');
      setAttempted(false);
      announce(t('results.publish.done', { version: result.version }));
      onPublished(result);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card results-publish" aria-labelledby="results-publish-heading">
      <h2 id="results-publish-heading">{amendment ? t('results.publish.amendTitle') : t('results.publish.title')}</h2>
      <p className="hint">
        {amendment
          ? t('results.publish.amendLead', { version: latestVersion ?? 0, next: (latestVersion ?? 0) + 1 })
          : t('results.publish.lead')}
      </p>
      {amendment && pendingCorrections === 0 && <p className="notice-inline">{t('results.publish.noPending')}</p>}
      {!open && <ErrorAlert error={error} />}
      <form onSubmit={ask} noValidate className="form-grid results-publish-form">
        <Field
          id="publish-number"
          label={t('results.publish.number')}
          error={numberError}
          hint={t('results.publish.numberHint')}
        >
          {(a11y) => (
            <input
              {...a11y}
              value={decreeNumber}
              maxLength={100}
              autoComplete="off"
              onChange={(e) => setDecreeNumber(e.target.value)}
            />
          )}
        </Field>
        <Field id="publish-date" label={t('results.publish.date')} error={dateError}>
          {(a11y) => <input {...a11y} type="date" value={decreeDate} onChange={(e) => setDecreeDate(e.target.value)} />}
        </Field>
        <div className="button-row">
          <button type="submit" className="btn btn-primary">
            {amendment ? t('results.publish.amendSubmit') : t('results.publish.submit')}
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={open}
        title={amendment ? t('results.publish.confirmAmendTitle') : t('results.publish.confirmTitle')}
        onClose={() => setOpen(false)}
      >
        <form onSubmit={publish}>
          <p>
            {t('results.publish.confirmText', {
              version: (latestVersion ?? 0) + 1,
              decree: decreeNumber.trim(),
              date: formatDate(decreeDate),
            })}
          </p>
          <p className="alert alert-warning">{t('results.publish.final')}</p>
          {amendment && <p>{t('results.publish.confirmAmend')}</p>}
          <ErrorAlert error={error} />
          <div className="form-actions dialog-actions">
            <button type="button" className="btn btn-secondary" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('results.publish.publishing') : t('results.publish.confirm')}
            </button>
          </div>
        </form>
      </ConfirmDialog>
    </section>
  );
}
