import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api.ts';
import { CsvInput, CsvSample, useCsvText } from '../components/CsvInput.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { TableWrap } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useStatus } from '../status.tsx';
import { DEFAULT_HISTORY_BANDS, type HistoryImportResult, importHistory } from './history-api.ts';

const CSV_HEADER = 'year,bodyName,categoryCode,final';

const periodPath = (cid: string, pid: string) => `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;

/**
 * "Impor riwayat hasil" (issue 23): a commission admin brings in earlier decrees' finals from CSV; each year becomes
 * a published period. The result lists the years imported, or every bad line (nothing is imported then).
 */
export function HistoryImport({ cid, onImported }: { cid: string; onImported: () => void }) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const text = useCsvText();
  const csv = text.csv;
  const [bands, setBands] = useState(DEFAULT_HISTORY_BANDS);
  const [example, setExample] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<HistoryImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (error || result) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error, result]);

  // the server's problems with the band minimums stand beside their field, not in the alert
  const bandProblems =
    error instanceof ApiError
      ? (error.problem.errors ?? []).filter((e) => e.path === 'query.bands' || e.path?.startsWith('query.bands.'))
      : [];
  const bandError = bandProblems.length > 0 ? bandProblems.map((e) => e.message).join(' · ') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setResult(null);
    if (!csv.trim()) {
      announce(t('historyImport.empty'), 'error');
      return;
    }
    setBusy(true);
    try {
      const imported = await importHistory(cid, csv, { bands, example });
      setResult(imported);
      announce(
        t('historyImport.done', {
          rows: formatNumber(imported.imported),
          years: imported.years.map((y) => y.year).join(', '),
        }),
      );
      text.clear();
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel history-import" aria-labelledby="history-import-title">
      <h2 id="history-import-title">{t('historyImport.title')}</h2>
      <div className="import-help">
        <p>{t('historyImport.help')}</p>
        <CsvSample section="historyImport" header={CSV_HEADER} />
        <p className="hint">{t('historyImport.helpColumns')}</p>
        <p className="hint">{t('historyImport.allOrNothing')}</p>
      </div>
      <form onSubmit={submit} noValidate>
        <CsvInput
          id="history-import"
          section="historyImport"
          text={text}
          header={CSV_HEADER}
          rows={6}
          onRead={() => {
            setResult(null);
            setError(null);
          }}
        />
        <div className="form-grid">
          <Field
            id="history-import-bands"
            label={t('historyImport.bands')}
            hint={t('historyImport.bandsHint')}
            error={bandError}
          >
            {(a11y) => (
              <input
                {...a11y}
                inputMode="decimal"
                value={bands}
                onChange={(e) => {
                  setBands(e.target.value);
                  if (bandError) setError(null);
                }}
              />
            )}
          </Field>
        </div>
        <div className="check-field">
          <input
            id="history-import-example"
            type="checkbox"
            checked={example}
            onChange={(e) => setExample(e.target.checked)}
            aria-describedby="history-import-example-hint"
          />
          <label htmlFor="history-import-example">{t('historyImport.exampleFlag')}</label>
        </div>
        <p className="hint" id="history-import-example-hint">
          {t('historyImport.exampleHint')}
        </p>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('historyImport.submitting') : t('historyImport.submit')}
          </button>
        </div>
      </form>
      <div ref={resultRef}>
        {error ? (
          <ErrorAlert error={error} inlinePaths={bandProblems.flatMap((e) => (e.path ? [e.path] : []))} />
        ) : null}
        {result && (
          <div className="alert alert-success">
            <p className="alert-title">{t('historyImport.successTitle', { rows: formatNumber(result.imported) })}</p>
            <TableWrap label={t('historyImport.yearsLabel')}>
              <table className="table table-compact">
                <thead>
                  <tr>
                    <th scope="col">{t('historyImport.year')}</th>
                    <th scope="col">{t('historyImport.period')}</th>
                    <th scope="col">{t('historyImport.rows')}</th>
                    <th scope="col">{t('historyImport.bodiesAdded')}</th>
                  </tr>
                </thead>
                <tbody>
                  {result.years.map((y) => (
                    <tr key={y.periodId}>
                      <th scope="row" className="num">
                        {y.year}
                      </th>
                      <td>
                        <Link to={periodPath(cid, y.periodId)}>{t('historyImport.open', { year: y.year })}</Link>
                      </td>
                      <td className="num">{formatNumber(y.rows)}</td>
                      <td className="num">{formatNumber(y.bodiesAdded)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </div>
        )}
      </div>
    </section>
  );
}
