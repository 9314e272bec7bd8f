import { type FormEvent, useState } from 'react';
import { ApiError } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { type PanelBodies, type PanelBody, panelApi } from '../review/panel-api.ts';
import { ScoresTable } from '../review/ScoresTable.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

/** A juror's score as typed: 0-100, at most two decimals, with a comma or a point ("85,5" in Indonesian). */
function parseScore(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d{1,3}(\.\d{1,2})?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 100 ? value : null;
}

type Components = PanelBodies['components'];

/** One proceeding body: its verified summary, the juror's score entry per panel component, others' scores when shown. */
function BodyCard({
  body,
  components,
  decimals,
  canScore,
  juror,
  onSaved,
}: {
  body: PanelBody;
  components: Components;
  decimals: number;
  canScore: boolean;
  /** The caller sits on the panel: their own scores are shown even when scoring is closed. */
  juror: boolean;
  onSaved: () => void;
}) {
  const { t, formatScore } = useI18n();
  const { announce } = useStatus();
  const shown = (v: number | null | undefined) => (v === null || v === undefined ? '—' : formatScore(v, decimals));
  const initial = () =>
    Object.fromEntries(
      components.map((c) => {
        const v = body.mine[c.key];
        return [c.key, v === null || v === undefined ? '' : formatScore(v, Number.isInteger(v) ? 0 : 2)];
      }),
    );
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const idBase = `jury-${body.submissionId}`;
  const headingId = `${idBase}-name`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    const toSave: { component: string; score: number }[] = [];
    for (const c of components) {
      const text = values[c.key] ?? '';
      if (text.trim() === '') continue;
      const score = parseScore(text);
      if (score === null) local[c.key] = t('panel.scoreInvalid');
      else if (score !== body.mine[c.key]) toSave.push({ component: c.key, score });
    }
    setErrors(local);
    setSaved('');
    const firstBad = components.find((c) => local[c.key]);
    if (firstBad) {
      document.getElementById(`${idBase}-${firstBad.key}`)?.focus();
      return;
    }
    if (toSave.length === 0) {
      setSaved(t('panel.nothingToSave'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      for (const s of toSave) {
        await panelApi.score(body.submissionId, components.length > 1 ? s : { score: s.score });
      }
      const message = t('panel.saved', { body: body.bodyName });
      setSaved(message);
      announce(message);
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="card jury-body">
      <div className="jury-body-head">
        <h2 id={headingId}>{body.bodyName}</h2>
        <span className="badge">{body.categoryCode}</span>
      </div>
      <dl className="facts facts-inline">
        <Fact label={t('panel.verifiedSaq')} valueClass="jury-saq">
          {formatScore(body.saq, decimals)}
        </Fact>
      </dl>
      <details className="disclosure">
        <summary>{t('panel.indicators')}</summary>
        <ScoresTable
          label={t('panel.indicatorsOf', { body: body.bodyName })}
          rows={body.indicators}
          rowKey={(i) => i.code}
          columns={[
            { header: t('panel.indicator'), cell: (i) => `${i.code}. ${i.title}` },
            { header: t('panel.weight'), num: true, cell: (i) => i.weight },
            { header: t('panel.verifiedScore'), num: true, cell: (i) => formatScore(i.score, decimals) },
          ]}
        />
      </details>
      {canScore ? (
        <form className="jury-form" onSubmit={submit} noValidate>
          <ErrorAlert error={error} />
          <div className="jury-inputs">
            {components.map((c) => {
              const inputId = `${idBase}-${c.key}`;
              const errorId = `${inputId}-error`;
              return (
                <div key={c.key} className={`field ${errors[c.key] ? 'field-invalid' : ''}`}>
                  <label htmlFor={inputId}>{t('panel.scoreFor', { component: c.label })}</label>
                  <input
                    id={inputId}
                    inputMode="decimal"
                    autoComplete="off"
                    className="jury-score"
                    value={values[c.key] ?? ''}
                    aria-describedby={[`${idBase}-hint`, errors[c.key] ? errorId : ''].filter(Boolean).join(' ')}
                    {...(errors[c.key] ? { 'aria-invalid': true } : {})}
                    onChange={(e) => {
                      const value = e.target.value;
                      setValues((v) => ({ ...v, [c.key]: value }));
                      setSaved('');
                    }}
                  />
                  {errors[c.key] && (
                    <p className="field-error" id={errorId}>
                      {errors[c.key]}
                    </p>
                  )}
                </div>
              );
            })}
          </div>
          <p className="hint" id={`${idBase}-hint`}>
            {t('panel.scoreHint')}
          </p>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('panel.save')}
            </button>
            <span className="jury-saved" role="status">
              {saved}
            </span>
          </div>
        </form>
      ) : (
        juror && (
          <dl className="facts facts-inline">
            {components.map((c) => (
              <Fact key={c.key} label={t('panel.myScore', { component: c.label })}>
                {shown(body.mine[c.key])}
              </Fact>
            ))}
          </dl>
        )
      )}
      {body.scores && (
        <div className="jury-others">
          <h3>{t('panel.allScores')}</h3>
          {body.scores.length === 0 ? (
            <p className="empty">{t('panel.noScores')}</p>
          ) : (
            <ScoresTable
              label={t('panel.allScoresOf', { body: body.bodyName })}
              rows={body.scores}
              rowKey={(s) => `${s.jurorId}-${s.component}`}
              columns={[
                { header: t('panel.juror'), cell: (s) => s.jurorName },
                ...(components.length > 1
                  ? [
                      {
                        header: t('panel.component'),
                        cell: (s: NonNullable<PanelBody['scores']>[number]) =>
                          components.find((c) => c.key === s.component)?.label ?? s.component,
                      },
                    ]
                  : []),
                { header: t('panel.score'), num: true, cell: (s) => formatScore(s.score, 2) },
              ]}
            />
          )}
          <dl className="facts facts-inline">
            {components.map((c) => (
              <Fact key={c.key} label={t('panel.mean', { component: c.label })}>
                {shown(body.means?.[c.key])}
              </Fact>
            ))}
          </dl>
        </div>
      )}
    </li>
  );
}

function StageNote({ data }: { data: PanelBodies }) {
  const { t } = useI18n();
  const stage = data.period.stage;
  if (stage === 'presentation') {
    return data.juror ? (
      <p className="alert alert-info">{data.othersVisible ? t('panel.openAdmin') : t('panel.openJuror')}</p>
    ) : (
      <p className="alert alert-info">{t('panel.notJuror')}</p>
    );
  }
  if (stage === 'results' || stage === 'published') return <p className="alert alert-info">{t('panel.closed')}</p>;
  return <p className="alert alert-info">{t('panel.notYet')}</p>;
}

/** The juror's page (/panel/:pid): the proceeding bodies, each body's verified summary and score entry. */
export function PanelPage({ params }: PageProps) {
  const pid = params.pid ?? '';
  const { t, formatScore, formatNumber } = useI18n();
  const data = useResource((signal) => panelApi.bodies(pid, signal), [pid]);
  const [filter, setFilter] = useState('');
  const d = data.data;
  if (data.error instanceof ApiError && data.error.status === 403) {
    return (
      <>
        <PageHeader title={t('panel.title')} />
        <p className="alert alert-info">{t('panel.noAccess')}</p>
      </>
    );
  }
  const needle = filter.trim().toLowerCase();
  const bodies = (d?.bodies ?? []).filter((b) => !needle || b.bodyName.toLowerCase().includes(needle));
  const canScore = d ? d.juror && d.period.stage === 'presentation' : false;
  const scored = d ? d.bodies.filter((b) => d.components.every((c) => b.mine[c.key] !== null)).length : 0;
  return (
    <>
      <PageHeader
        title={t('panel.title')}
        lead={d ? t('panel.lead', { title: d.period.title, stage: t(`stage.${d.period.stage}`) }) : undefined}
      />
      <ErrorAlert error={data.error} />
      {data.loading && !d && <Loading />}
      {d && (
        <>
          <StageNote data={d} />
          {d.gate && (
            <p className="hint">
              {t('panel.gate', {
                min: formatScore(d.gate.min, d.period.decimals),
                component: d.gate.label || d.gate.component,
              })}
            </p>
          )}
          {d.components.length === 0 && <p className="alert alert-warning">{t('panel.noComponents')}</p>}
          <section aria-labelledby="jury-bodies-heading" className="section">
            <div className="jury-list-head">
              <h2 id="jury-bodies-heading">
                {t('panel.proceeding')} <span className="count">{formatNumber(d.bodies.length)}</span>
              </h2>
              {d.juror && d.bodies.length > 0 && (
                <p className="hint">
                  {t('panel.progress', { scored: formatNumber(scored), total: formatNumber(d.bodies.length) })}
                </p>
              )}
            </div>
            {d.bodies.length > 5 && (
              <div className="field jury-filter">
                <label htmlFor="jury-filter">{t('panel.filter')}</label>
                <input id="jury-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
              </div>
            )}
            {d.bodies.length === 0 ? (
              <p className="empty">{t('panel.noBodies')}</p>
            ) : (
              <ul className="jury-bodies">
                {bodies.map((b) => (
                  <BodyCard
                    key={b.submissionId}
                    body={b}
                    components={d.components}
                    decimals={d.period.decimals}
                    canScore={canScore}
                    juror={d.juror}
                    onSaved={data.reload}
                  />
                ))}
              </ul>
            )}
          </section>
          {d.notProceeding.length > 0 && (
            <section aria-labelledby="jury-below-heading" className="section">
              <h2 id="jury-below-heading">
                {t('panel.notProceeding')} <span className="count">{formatNumber(d.notProceeding.length)}</span>
              </h2>
              <p className="hint">{t('panel.notProceedingHint')}</p>
              <ScoresTable
                label={t('panel.notProceeding')}
                rows={d.notProceeding}
                rowKey={(b) => b.submissionId}
                columns={[
                  { header: t('panel.body'), cell: (b) => b.bodyName },
                  { header: t('panel.category'), cell: (b) => b.categoryCode },
                  { header: t('panel.verifiedSaq'), num: true, cell: (b) => formatScore(b.saq, d.period.decimals) },
                  {
                    header: t('panel.status'),
                    cell: () => <span className="badge badge-muted">{t('panel.belowGate')}</span>,
                  },
                ]}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
