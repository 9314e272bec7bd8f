import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { useFormatValue, useWhat } from './admin-parts.tsx';
import { type ResultDiff, type ResultsView, type ResultVersion, resultsApi } from './results-api.ts';

type Outcome = ResultDiff['rows'][number]['before'];

/** The bodies a correction touched first, then those that only moved, each by name. */
const sortDiff = (rows: ResultDiff['rows']) =>
  [...rows].sort(
    (a, b) => Number(b.reasons.length > 0) - Number(a.reasons.length > 0) || a.bodyName.localeCompare(b.bodyName),
  );

/** The published versions: decree, its date, when it was published (WIB), how many bodies changed; amendments' diffs. */
export function VersionsList({
  versions,
  shown,
  openDiff,
  onShow,
  onOpenDiff,
}: {
  versions: ResultVersion[];
  /** The version the table shows (null: the latest). */
  shown: number | null;
  openDiff: number | null;
  onShow: (version: number) => void;
  onOpenDiff: (version: number | null) => void;
}) {
  const { t, formatDate, formatNumber } = useI18n();
  const latest = versions.reduce((m, v) => Math.max(m, v.version), 0);
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  return (
    <section className="section" aria-labelledby="results-versions-heading">
      <h2 id="results-versions-heading" tabIndex={-1}>
        {t('results.versions.title')}
      </h2>
      {versions.length === 0 && <p className="empty">{t('results.versions.none')}</p>}
      {versions.length > 0 && (
        <TableWrap label={t('results.versions.title')}>
          <table className="table table-compact table-stack results-versions">
            <caption className="sr-only">{t('results.versions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t('results.versions.version')}
                </th>
                <th scope="col">{t('results.versions.decree')}</th>
                <th scope="col">{t('results.versions.decreeDate')}</th>
                <th scope="col">{t('results.versions.publishedAt')}</th>
                <th scope="col" className="num">
                  {t('results.versions.changed')}
                </th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {sorted.map((v) => (
                <tr key={v.version}>
                  <th scope="row" className="num">
                    {v.version}
                    {v.version === latest && <span className="badge badge-ok">{t('results.versions.latest')}</span>}
                  </th>
                  <td data-label={t('results.versions.decree')}>
                    {v.decreeNumber}
                    {v.example && <span className="badge badge-muted results-example">{t('results.example')}</span>}
                  </td>
                  <td data-label={t('results.versions.decreeDate')} className="nowrap">
                    {formatDate(v.decreeDate)}
                  </td>
                  <td data-label={t('results.versions.publishedAt')} className="nowrap">
                    {formatDate(v.publishedAt, true)}
                  </td>
                  <td data-label={t('results.versions.changed')} className="num">
                    {v.version === 1 ? '—' : formatNumber(v.changed)}
                  </td>
                  <td data-label={t('common.actions')}>
                    <div className="button-row results-version-actions">
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        aria-pressed={shown === v.version || (shown === null && v.version === latest)}
                        onClick={() => onShow(v.version)}
                      >
                        {t('results.versions.show', { version: v.version })}
                      </button>
                      {v.version > 1 && (
                        <button
                          type="button"
                          className="btn btn-secondary btn-small"
                          aria-expanded={openDiff === v.version}
                          aria-controls={openDiff === v.version ? 'results-diff' : undefined}
                          onClick={() => onOpenDiff(openDiff === v.version ? null : v.version)}
                        >
                          {openDiff === v.version
                            ? t('results.versions.hideDiff')
                            : t('results.versions.diff', { version: v.version })}
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function OutcomeText({ outcome, decimals }: { outcome: Outcome; decimals: number }) {
  const { t, formatScore } = useI18n();
  if (!outcome) return <span className="results-outcome">—</span>;
  return (
    <span className="results-outcome">
      {formatScore(outcome.final, decimals)} · {outcome.band} · {t('results.diff.rankN', { rank: outcome.rank })}
    </span>
  );
}

/** An amendment's diff: per body, before -> after (final, band, rank), with the reasons of the changes beneath. */
export function DiffView({
  pid,
  version,
  decimals,
  components,
}: {
  pid: string;
  version: number;
  decimals: number;
  components: ResultsView['components'] | undefined;
}) {
  const { t, formatDate } = useI18n();
  const diff = useResource((signal) => resultsApi.diff(pid, version, signal), [pid, version]);
  const formatValue = useFormatValue();
  const what = useWhat(components);
  return (
    <section id="results-diff" className="card results-diff" aria-labelledby="results-diff-heading">
      <h3 id="results-diff-heading" tabIndex={-1}>
        {t('results.diff.title', { version })}
      </h3>
      <ErrorAlert error={diff.error} />
      {diff.loading && !diff.data && <Loading />}
      {diff.data && (
        <>
          <p className="hint">
            {t('results.diff.lead', {
              version: diff.data.version,
              previous: diff.data.previousVersion,
              decree: diff.data.decreeNumber,
            })}
          </p>
          {diff.data.rows.length === 0 && <p className="empty">{t('results.diff.none')}</p>}
          {diff.data.rows.length > 0 && (
            <TableWrap label={t('results.diff.title', { version })}>
              <table className="table table-compact table-stack results-diff-table">
                <caption className="sr-only">{t('results.diff.caption', { version })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('results.body')}</th>
                    <th scope="col">{t('results.diff.before')}</th>
                    <th scope="col">{t('results.diff.after')}</th>
                    <th scope="col">{t('results.diff.reasons')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sortDiff(diff.data.rows).map((r) => (
                    <tr key={r.bodyId}>
                      <th scope="row" className="cell-name">
                        {r.bodyName}
                      </th>
                      <td data-label={t('results.diff.before')}>
                        <OutcomeText outcome={r.before} decimals={decimals} />
                      </td>
                      <td data-label={t('results.diff.after')}>
                        <OutcomeText outcome={r.after} decimals={decimals} />
                      </td>
                      <td data-label={t('results.diff.reasons')}>
                        {r.reasons.length === 0 && (
                          <span className="hint">
                            {r.before && r.after && r.before.final === r.after.final && r.before.band === r.after.band
                              ? t('results.diff.rankOnly')
                              : t('results.diff.noReasons')}
                          </span>
                        )}
                        {r.reasons.length > 0 && (
                          <ul className="results-reasons">
                            {r.reasons.map((reason) => (
                              <li key={`${reason.at}:${reason.kind}:${reason.questionCode ?? reason.component ?? ''}`}>
                                <strong>{what(reason)}</strong>: {formatValue(reason.before)} →{' '}
                                {formatValue(reason.after)}. {reason.reason}{' '}
                                <span className="hint">
                                  ({reason.actor ?? '—'}, {formatDate(reason.at, true)})
                                </span>
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          )}
        </>
      )}
    </section>
  );
}
