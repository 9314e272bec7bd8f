import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { ApiError, api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage } from '../permissions.ts';
import { type Panel, type PanelReview, panelApi } from '../review/panel-api.ts';
import { ScoresTable } from '../review/ScoresTable.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

/** Chooses the period's jurors among the commission's evaluators. */
function MembersForm({ cid, pid, panel, onSaved }: { cid: string; pid: string; panel: Panel; onSaved: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const users = useResource(() => api.users(cid), [cid]);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set(panel.members.map((m) => m.id)));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setChosen(new Set(panel.members.map((m) => m.id))), [panel]);
  const evaluators = (users.data?.users ?? []).filter((u) => u.roles.some((r) => r.role === 'evaluator'));

  const toggle = (id: string, on: boolean) =>
    setChosen((before) => {
      const next = new Set(before);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await panelApi.setPanel(pid, [...chosen]);
      announce(t('panelAdmin.saved', { count: result.members.length }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="jury-members-heading">
      <h2 id="jury-members-heading">{t('panelAdmin.members')}</h2>
      <p className="hint">{t('panelAdmin.membersLead')}</p>
      <ErrorAlert error={users.error ?? error} />
      {users.loading && !users.data && <Loading />}
      {users.data && evaluators.length === 0 && <p className="empty">{t('panelAdmin.noEvaluators')}</p>}
      {evaluators.length > 0 && (
        <form onSubmit={submit}>
          <fieldset className="fieldset">
            <legend>{t('panelAdmin.chooseJurors')}</legend>
            <ul className="jury-choices">
              {evaluators.map((u) => (
                <li key={u.id} className="check-field">
                  <input
                    type="checkbox"
                    id={`juror-${u.id}`}
                    checked={chosen.has(u.id)}
                    onChange={(e) => toggle(u.id, e.target.checked)}
                  />
                  <label htmlFor={`juror-${u.id}`}>
                    {u.name} <span className="jury-email">{u.email}</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? t('common.saving') : t('panelAdmin.save')}
            </button>
            <span className="hint">{t('panelAdmin.chosen', { count: chosen.size })}</span>
          </div>
        </form>
      )}
    </section>
  );
}

/** The threshold of divergence, kept in the period's settings (settings.panel.divergence). */
function ThresholdForm({ pid, current, onSaved }: { pid: string; current: number; onSaved: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [value, setValue] = useState(String(current));
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => setValue(String(current)), [current]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const number = Number(value.trim().replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100) {
      setInvalid(true);
      document.getElementById('jury-threshold')?.focus();
      return;
    }
    setInvalid(false);
    setBusy(true);
    setError(null);
    try {
      const { period } = await api.period(pid);
      await api.updatePeriod(pid, period.version, {
        settings: { ...period.settings, panel: { ...period.settings.panel, divergence: number } },
      });
      announce(t('panelAdmin.thresholdSaved', { value: number }));
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form jury-threshold" onSubmit={submit} noValidate>
      <ErrorAlert error={error} />
      <div className={`field ${invalid ? 'field-invalid' : ''}`}>
        <label htmlFor="jury-threshold">{t('panelAdmin.threshold')}</label>
        <input
          id="jury-threshold"
          inputMode="decimal"
          value={value}
          aria-describedby={invalid ? 'jury-threshold-hint jury-threshold-error' : 'jury-threshold-hint'}
          {...(invalid ? { 'aria-invalid': true } : {})}
          onChange={(e) => setValue(e.target.value)}
        />
        <p className="hint" id="jury-threshold-hint">
          {t('panelAdmin.thresholdHint')}
        </p>
        {invalid && (
          <p className="field-error" id="jury-threshold-error">
            {t('panelAdmin.thresholdInvalid')}
          </p>
        )}
      </div>
      <button type="submit" className="btn btn-secondary" disabled={busy}>
        {busy ? t('common.saving') : t('panelAdmin.thresholdSave')}
      </button>
    </form>
  );
}

function ReviewTables({
  review,
  decimals,
  components,
  threshold,
}: {
  review: PanelReview;
  decimals: number;
  components: Panel['components'];
  /** The admin's form to change the threshold (absent for leadership, who writes nothing). */
  threshold?: ReactNode;
}) {
  const { t, formatScore, formatNumber } = useI18n();
  const score = (v: number | null) => (v === null ? '—' : formatScore(v, decimals));
  // a true minus sign (U+2212) for a juror below the panel, a plus above it
  const signed = (v: number | null) =>
    v === null ? '—' : `${v > 0 ? '+' : v < 0 ? '\u2212' : ''}${formatScore(Math.abs(v), decimals)}`;
  return (
    <>
      <section className="card" aria-labelledby="jury-divergent-heading">
        <h2 id="jury-divergent-heading">
          {t('panelAdmin.divergent')} <span className="count">{formatNumber(review.divergent.length)}</span>
        </h2>
        <p className="hint">{t('panelAdmin.divergentLead', { threshold: formatScore(review.threshold, 2) })}</p>
        {threshold}
        {review.divergent.length === 0 ? (
          <p className="empty">{t('panelAdmin.noDivergent')}</p>
        ) : (
          <ScoresTable
            label={t('panelAdmin.divergent')}
            rows={review.divergent}
            rowKey={(d) => `${d.submissionId}-${d.component}`}
            columns={[
              { header: t('panel.body'), cell: (d) => d.bodyName },
              {
                header: t('panel.component'),
                cell: (d) => components.find((c) => c.key === d.component)?.label ?? d.component,
              },
              {
                header: t('panelAdmin.scores'),
                cell: (d) => (
                  <ul className="inline-list">
                    {d.scores.map((s) => (
                      <li key={s.jurorId}>
                        {s.name}: {formatScore(s.score, 2)}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                header: t('panelAdmin.spread'),
                num: true,
                cell: (d) => <span className="badge badge-warn">{formatScore(d.spread, decimals)}</span>,
              },
              { header: t('panelAdmin.mean'), num: true, cell: (d) => formatScore(d.mean, decimals) },
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="jury-calibration-heading">
        <h2 id="jury-calibration-heading">{t('panelAdmin.calibration')}</h2>
        <p className="hint">{t('panelAdmin.calibrationLead')}</p>
        {review.calibration.length === 0 ? (
          <p className="empty">{t('panelAdmin.noJurors')}</p>
        ) : (
          <ScoresTable
            label={t('panelAdmin.calibration')}
            rows={review.calibration}
            rowKey={(c) => c.jurorId}
            columns={[
              { header: t('panel.juror'), cell: (c) => c.name },
              { header: t('panelAdmin.count'), num: true, cell: (c) => formatNumber(c.count) },
              { header: t('panelAdmin.jurorMean'), num: true, cell: (c) => score(c.mean) },
              { header: t('panelAdmin.panelMean'), num: true, cell: (c) => score(c.panelMean) },
              { header: t('panelAdmin.difference'), num: true, cell: (c) => signed(c.difference) },
            ]}
          />
        )}
      </section>
    </>
  );
}

/** The admin's panel page (/c/:cid/periods/:pid/panel): the jurors, the divergence list and the calibration table. */
export function PanelAdminPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const { t } = useI18n();
  const { user } = useSession();
  const period = useResource(() => api.period(pid), [pid]);
  const panel = useResource((signal) => panelApi.panel(pid, signal), [pid]);
  const review = useResource((signal) => panelApi.review(pid, signal), [pid]);
  const p = period.data?.period;
  // the panel is fixed from the results stage on (the server refuses a change): shown, not offered as a form
  const fixed = p?.stage === 'results' || p?.stage === 'published';
  const manage = user && !fixed ? canManage(user, cid) : false;
  const forbidden = [panel.error, review.error].some((e) => e instanceof ApiError && e.status === 403);
  const reload = () => {
    panel.reload();
    review.reload();
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`}>
          ← {p?.title ?? t('periods.title')}
        </Link>
      </p>
      <PageHeader
        title={t('panelAdmin.title')}
        lead={p ? t('panelAdmin.lead', { title: p.title, stage: t(`stage.${p.stage}`) }) : undefined}
        actions={
          <Link to={`/panel/${encodeURIComponent(pid)}`} className="btn btn-secondary">
            {t('panelAdmin.bodiesLink')}
          </Link>
        }
      />
      <ErrorAlert error={period.error} />
      {forbidden ? (
        <p className="alert alert-info">{t('panelAdmin.noAccess')}</p>
      ) : (
        <>
          {(panel.loading || review.loading) && !(panel.data && review.data) && <Loading />}
          <ErrorAlert error={panel.error ?? review.error} />
          {panel.data && manage && <MembersForm cid={cid} pid={pid} panel={panel.data} onSaved={reload} />}
          {panel.data && !manage && (
            <section className="card" aria-labelledby="jury-members-heading">
              <h2 id="jury-members-heading">{t('panelAdmin.members')}</h2>
              {fixed && <p className="hint">{t('panelAdmin.fixed')}</p>}
              {panel.data.members.length === 0 ? (
                <p className="empty">{t('panelAdmin.noJurors')}</p>
              ) : (
                <ul className="link-list">
                  {panel.data.members.map((m) => (
                    <li key={m.id}>{m.name}</li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {review.data && panel.data && (
            <ReviewTables
              review={review.data}
              decimals={p?.methodology.decimals ?? 2}
              components={panel.data.components}
              threshold={
                manage ? <ThresholdForm pid={pid} current={panel.data.divergence} onSaved={reload} /> : undefined
              }
            />
          )}
        </>
      )}
    </>
  );
}
