import { type FormEvent, lazy, Suspense, useMemo, useState } from 'react';
import { api, type Methodology, type Period, type WhatIfRow } from '../api.ts';
import { bandCounts } from '../charts/band-counts.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { IssueSummary } from '../components/IssueSummary.tsx';
import { MethodologyEditor, methodologyFieldId } from '../components/MethodologyEditor.tsx';
import { Loading, TableWrap } from '../components/Page.tsx';
import { draftToMethodology, type MethodologyDraft, methodologyToDraft, weightShares } from '../drafts.ts';
import { useFocusAfterRender, useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';

// chart.js comes in its own chunk, fetched when a simulation has run: no other page (the operator's least) loads it
const BandChart = lazy(() => import('../charts/BandChart.tsx').then((m) => ({ default: m.BandChart })));

interface Ran {
  methodology: Methodology;
  name: string;
  rows: WhatIfRow[];
}

/** A one-line description of a methodology: components with their shares and the band minimums. */
function useDescribe() {
  const { t, formatNumber, formatPercent } = useI18n();
  return (m: Methodology) => {
    const shares = weightShares(m.components.map((c) => String(c.weight)));
    const parts = m.components.map((c, i) => `${c.label} ${formatPercent(shares[i] ?? 0)}`);
    const gate = m.gate ? ` · ${t('whatif.gateShort', { min: formatNumber(m.gate.min) })}` : '';
    const mins = m.bands.map((b) => formatNumber(b.min)).join(' / ');
    return `${parts.join(' + ')}${gate} · ${t('whatif.bandsShort', { mins })}`;
  };
}

function Change({ row }: { row: WhatIfRow }) {
  const { t } = useI18n();
  const delta = row.current.rank - row.proposed.rank;
  const finalDelta = row.proposed.final - row.current.final;
  const bandChanged = row.current.band !== row.proposed.band;
  if (delta === 0 && finalDelta === 0 && !bandChanged) {
    return (
      <span className="change change-none" title={t('whatif.same')}>
        <span aria-hidden="true">=</span>
        <span className="sr-only">{t('whatif.same')}</span>
      </span>
    );
  }
  const up = delta > 0 || (delta === 0 && finalDelta > 0);
  const moved = delta !== 0 || finalDelta !== 0;
  const text =
    delta !== 0
      ? t(up ? 'whatif.rankUp' : 'whatif.rankDown', { n: Math.abs(delta) })
      : t(up ? 'whatif.finalUp' : 'whatif.finalDown');
  return (
    <span className="change-cell">
      {moved && (
        <span className={`change ${up ? 'change-up' : 'change-down'}`}>
          <span aria-hidden="true">{up ? '↑' : '↓'}</span> {text}
        </span>
      )}
      {bandChanged && <span className="change change-band">{t('whatif.bandChanged')}</span>}
    </span>
  );
}

/** What-if: another methodology over the period's current data, beside the current outcome; nothing is saved. */
export function PeriodWhatIf({ cid, period }: { cid: string; period: Period }) {
  const { t, formatNumber, formatScore } = useI18n();
  const describe = useDescribe();
  const presets = useResource(() => api.presets(), []);
  const categories = useResource(() => api.categories(cid), [cid]);
  const [source, setSource] = useState('current');
  const [draft, setDraft] = useState<MethodologyDraft>(() => methodologyToDraft(period.methodology));
  const [editing, setEditing] = useState(false);
  const [edited, setEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [attempted, setAttempted] = useState(false);
  const [ran, setRan] = useState<Ran | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const focusAfterRender = useFocusAfterRender();
  const live = useMemo(() => draftToMethodology(draft), [draft]);
  const presetList = presets.data?.methodologies ?? [];
  const sourceName =
    source === 'current' ? t('whatif.currentMethodology') : (presetList.find((p) => p.key === source)?.name ?? source);

  const choose = (key: string) => {
    setSource(key);
    setEdited(false);
    setAttempted(false);
    const preset = presetList.find((p) => p.key === key);
    setDraft(methodologyToDraft(key === 'current' || !preset ? period.methodology : preset.methodology));
  };

  const run = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (live.issues.length > 0) {
      setEditing(true);
      focusAfterRender('whatif-summary');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { rows } = await api.whatIf(period.id, live.methodology);
      const name = edited ? t('whatif.editedName', { name: sourceName }) : sourceName;
      setRan({ methodology: live.methodology, name, rows });
      focusAfterRender('whatif-results');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const summary = useMemo(() => {
    const rows = ran?.rows ?? [];
    return {
      total: rows.length,
      band: rows.filter((r) => r.current.band !== r.proposed.band).length,
      rank: rows.filter((r) => r.current.rank !== r.proposed.rank).length,
      up: rows.filter((r) => r.proposed.final > r.current.final).length,
      down: rows.filter((r) => r.proposed.final < r.current.final).length,
    };
  }, [ran]);

  const groups = useMemo(() => {
    const out = new Map<string, WhatIfRow[]>();
    for (const row of ran?.rows ?? []) {
      const changed =
        row.current.band !== row.proposed.band ||
        row.current.rank !== row.proposed.rank ||
        row.current.final !== row.proposed.final;
      if (onlyChanged && !changed) continue;
      out.set(row.categoryCode, [...(out.get(row.categoryCode) ?? []), row]);
    }
    return [...out.entries()];
  }, [ran, onlyChanged]);
  const counts = useMemo(
    () => (ran ? bandCounts(period.methodology.bands, ran.methodology.bands, ran.rows) : []),
    [ran, period.methodology.bands],
  );
  const categoryName = (code: string) => categories.data?.categories.find((c) => c.code === code)?.name ?? code;
  const currentDecimals = period.methodology.decimals;

  return (
    <div className="whatif">
      <p className="hint">{t('whatif.lead')}</p>
      <form onSubmit={run} noValidate className="card">
        <ErrorAlert error={presets.error} />
        <div className="form-grid">
          <Field id="whatif-source" label={t('whatif.source')} hint={t('whatif.sourceHint')}>
            {(a11y) => (
              <select {...a11y} value={source} onChange={(e) => choose(e.target.value)}>
                <option value="current">{t('whatif.currentMethodology')}</option>
                {presetList.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p className="whatif-proposed">
          <strong>{edited ? t('whatif.editedName', { name: sourceName }) : sourceName}:</strong>{' '}
          {live.issues.length === 0 ? describe(live.methodology) : t('meth.invalid', { count: live.issues.length })}
        </p>
        {source !== 'current' && presetList.find((p) => p.key === source)?.description && (
          <p className="hint">{presetList.find((p) => p.key === source)?.description}</p>
        )}
        <div className="button-row">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('whatif.running') : t('whatif.run')}
          </button>
          <button
            type="button"
            className="btn btn-secondary"
            aria-expanded={editing}
            aria-controls="whatif-editor"
            onClick={() => setEditing((v) => !v)}
          >
            {editing ? t('whatif.hideEditor') : t('whatif.edit')}
          </button>
        </div>
        {editing && (
          <div id="whatif-editor" className="whatif-editor">
            <IssueSummary
              id="whatif-summary"
              issues={attempted ? live.issues : []}
              fieldId={(path) => methodologyFieldId('whatif-m', draft, path)}
            />
            <MethodologyEditor
              idPrefix="whatif-m"
              draft={draft}
              onChange={(d) => {
                setDraft(d);
                setEdited(true);
              }}
            />
          </div>
        )}
      </form>
      <ErrorAlert error={error} />
      {busy && <Loading />}

      {ran && (
        <section aria-labelledby="whatif-results" className="section">
          <h2 id="whatif-results" tabIndex={-1}>
            {t('whatif.results', { name: ran.name })}
          </h2>
          <p className="hint">
            {t('whatif.compare', { current: describe(period.methodology), proposed: describe(ran.methodology) })}
          </p>
          <dl className="stats whatif-stats">
            <div>
              <dt>{t('whatif.bodies')}</dt>
              <dd>{formatNumber(summary.total)}</dd>
            </div>
            <div>
              <dt>{t('whatif.bandChanges')}</dt>
              <dd className={summary.band > 0 ? 'stat-warn' : ''}>{formatNumber(summary.band)}</dd>
            </div>
            <div>
              <dt>{t('whatif.rankChanges')}</dt>
              <dd className={summary.rank > 0 ? 'stat-warn' : ''}>{formatNumber(summary.rank)}</dd>
            </div>
            <div>
              <dt>{t('whatif.finalUp')}</dt>
              <dd>{formatNumber(summary.up)}</dd>
            </div>
            <div>
              <dt>{t('whatif.finalDown')}</dt>
              <dd>{formatNumber(summary.down)}</dd>
            </div>
          </dl>
          {ran.rows.length > 0 && (
            <Suspense
              fallback={
                <p className="loading" role="status">
                  {t('whatif.chartLoading')}
                </p>
              }
            >
              <BandChart counts={counts} proposedName={ran.name} />
            </Suspense>
          )}
          <div className="check-field">
            <input
              id="whatif-only-changed"
              type="checkbox"
              checked={onlyChanged}
              onChange={(e) => setOnlyChanged(e.target.checked)}
            />
            <label htmlFor="whatif-only-changed">{t('whatif.onlyChanged')}</label>
          </div>
          {ran.rows.length === 0 && <p className="empty">{t('whatif.noRows')}</p>}
          {ran.rows.length > 0 && groups.length === 0 && <p className="empty">{t('whatif.noChanges')}</p>}
          {groups.map(([code, rows]) => (
            <section key={code} aria-labelledby={`whatif-cat-${code}`} className="whatif-category">
              <h3 id={`whatif-cat-${code}`}>
                {categoryName(code)} <span className="badge">{code}</span>
              </h3>
              <TableWrap label={t('whatif.tableLabel', { category: categoryName(code) })}>
                <table className="table table-compact whatif-table">
                  <colgroup>
                    <col className="col-name" />
                    <col className="col-final" />
                    <col className="col-band" />
                    <col className="col-rank" />
                    <col className="col-final" />
                    <col className="col-band" />
                    <col className="col-rank" />
                    <col className="col-change" />
                  </colgroup>
                  <thead>
                    <tr>
                      <th scope="col" rowSpan={2}>
                        {t('body.name')}
                      </th>
                      <th scope="colgroup" colSpan={3} className="group-current">
                        {t('whatif.current')}
                      </th>
                      <th scope="colgroup" colSpan={3} className="group-proposed">
                        {t('whatif.proposed')}
                      </th>
                      <th scope="col" rowSpan={2}>
                        {t('whatif.change')}
                      </th>
                    </tr>
                    <tr>
                      <th scope="col" className="num">
                        {t('whatif.final')}
                      </th>
                      <th scope="col">{t('whatif.band')}</th>
                      <th scope="col" className="num">
                        {t('whatif.rank')}
                      </th>
                      <th scope="col" className="num">
                        {t('whatif.final')}
                      </th>
                      <th scope="col">{t('whatif.band')}</th>
                      <th scope="col" className="num">
                        {t('whatif.rank')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const bandChanged = r.current.band !== r.proposed.band;
                      return (
                        <tr key={r.bodyId} className={bandChanged ? 'row-band-change' : undefined}>
                          <th scope="row" className="cell-name">
                            {r.bodyName}
                          </th>
                          <td className="num">{formatScore(r.current.final, currentDecimals)}</td>
                          <td>{r.current.band}</td>
                          <td className="num">{r.current.rank}</td>
                          <td className="num">{formatScore(r.proposed.final, ran.methodology.decimals)}</td>
                          <td>
                            {bandChanged ? (
                              <span className="badge badge-warn">{r.proposed.band}</span>
                            ) : (
                              r.proposed.band
                            )}
                          </td>
                          <td className="num">{r.proposed.rank}</td>
                          <td>
                            <Change row={r} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
            </section>
          ))}
        </section>
      )}
    </div>
  );
}
