import { type FormEvent, useMemo, useState } from 'react';
import { ApiError, api, type MethodologyPreset, type Period } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { IssueSummary } from '../components/IssueSummary.tsx';
import { MethodologyEditor, methodologyFieldId, scheduleFieldId } from '../components/MethodologyEditor.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { ScheduleFields } from '../components/Schedule.tsx';
import { StageBadge } from '../components/Stage.tsx';
import {
  draftToMethodology,
  draftToSchedule,
  type Issue,
  issuesByPath,
  type MethodologyDraft,
  methodologyToDraft,
  type ScheduleDraft,
  scheduleToDraft,
} from '../drafts.ts';
import { useFocusAfterRender, useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage, canReadPeriods } from '../permissions.ts';
import { HistoryImport } from '../results/HistoryImport.tsx';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

const PREFIX = 'new-period';

export const periodPath = (cid: string, pid: string) =>
  `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;

/** The rules of the server's schema on year and title (periods.schemas.ts), checked before sending. */
function basicIssues(year: string, title: string): Issue[] {
  const issues: Issue[] = [];
  const y = Number(year);
  if (!Number.isInteger(y) || y < 2000 || y > 2100) issues.push({ path: 'year', message: 'YEAR_RANGE' });
  if (title.trim().length < 3) issues.push({ path: 'title', message: 'TITLE_LENGTH' });
  return issues;
}

function CreatePeriod({ cid, presets, periods }: { cid: string; presets: MethodologyPreset[]; periods: Period[] }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const first = presets[0];
  const nextYear = Math.max(new Date().getFullYear(), ...periods.map((p) => p.year)) + 1;
  const [year, setYear] = useState(String(nextYear));
  const [title, setTitle] = useState('');
  const [presetKey, setPresetKey] = useState(first?.key ?? '');
  const [draft, setDraft] = useState<MethodologyDraft>(() =>
    methodologyToDraft(first?.methodology ?? { components: [], bands: [], decimals: 2 }),
  );
  const [schedule, setSchedule] = useState<ScheduleDraft>(() => scheduleToDraft({}));
  const [attempted, setAttempted] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [serverIssues, setServerIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const focusAfterRender = useFocusAfterRender();

  const live = useMemo(() => {
    const m = draftToMethodology(draft);
    const s = draftToSchedule(schedule);
    return {
      methodology: m.methodology,
      schedule: s.schedule,
      issues: [
        ...basicIssues(year, title),
        ...m.issues.map((i) => ({ path: `methodology.${i.path}`, message: i.message })),
        ...s.issues,
      ],
    };
  }, [draft, schedule, year, title]);

  // the server's problems stand until the person edits; the browser's own show after a first attempt (year, title)
  // or at once (methodology, schedule: as the person types)
  const shown = attempted ? live.issues : live.issues.filter((i) => i.path !== 'year' && i.path !== 'title');
  const errors = issuesByPath(t, [...shown, ...serverIssues]);
  const methodologyServer = serverIssues
    .filter((i) => i.path.startsWith('methodology.'))
    .map((i) => ({ path: i.path.slice('methodology.'.length), message: i.message }));

  const edited = () => {
    setServerIssues([]);
    setError(null);
  };
  const choosePreset = (preset: MethodologyPreset) => {
    setPresetKey(preset.key);
    setDraft(methodologyToDraft(preset.methodology));
    edited();
  };
  const fieldId = (path: string) => {
    if (path === 'year') return `${PREFIX}-year`;
    if (path === 'title') return `${PREFIX}-title`;
    if (path.startsWith('methodology.'))
      return methodologyFieldId(`${PREFIX}-m`, draft, path.slice('methodology.'.length));
    return scheduleFieldId(`${PREFIX}-s`, path);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    setServerIssues([]);
    if (live.issues.length > 0) {
      // nothing the server would accept: say so above the form, beside the fields, and take the person there
      focusAfterRender(`${PREFIX}-summary`);
      return;
    }
    setBusy(true);
    try {
      const hasSchedule = Object.keys(live.schedule).length > 0;
      const { period } = await api.createPeriod(cid, {
        year: Number(year),
        title: title.trim(),
        methodology: live.methodology,
        ...(hasSchedule ? { schedule: live.schedule } : {}),
      });
      announce(t('periods.created', { title: period.title }), 'success', { carry: true });
      navigate(periodPath(cid, period.id));
    } catch (e) {
      setError(e);
      setServerIssues(
        e instanceof ApiError
          ? (e.problem.errors ?? []).flatMap((x) => (x.path ? [{ path: x.path, message: x.message }] : []))
          : [],
      );
      focusAfterRender(`${PREFIX}-summary`);
    } finally {
      setBusy(false);
    }
  };

  const summaryIssues = error ? serverIssues : attempted ? live.issues : [];
  return (
    <section className="card panel" id="panel-create-period" aria-labelledby="create-period-title">
      <h2 id="create-period-title">{t('periods.createTitle')}</h2>
      <IssueSummary id={`${PREFIX}-summary`} error={error} issues={summaryIssues} fieldId={fieldId} />
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field id={`${PREFIX}-year`} label={t('periods.year')} error={errors.get('year')}>
            {(a11y) => (
              <input
                {...a11y}
                type="number"
                inputMode="numeric"
                min="2000"
                max="2100"
                value={year}
                onChange={(e) => {
                  setYear(e.target.value);
                  edited();
                }}
              />
            )}
          </Field>
          <Field
            id={`${PREFIX}-title`}
            label={t('periods.titleField')}
            hint={t('periods.titleHint')}
            error={errors.get('title')}
            className="span-2"
          >
            {(a11y) => (
              <input
                {...a11y}
                value={title}
                placeholder={t('periods.titlePlaceholder', { year })}
                onChange={(e) => {
                  setTitle(e.target.value);
                  edited();
                }}
              />
            )}
          </Field>
        </div>

        <fieldset className="preset-picker">
          <legend>{t('periods.preset')}</legend>
          <p className="hint">{t('periods.presetHint')}</p>
          <div className="preset-options">
            {presets.map((p) => (
              <div key={p.key} className={`preset-option ${presetKey === p.key ? 'is-selected' : ''}`}>
                <input
                  type="radio"
                  name="preset"
                  id={`${PREFIX}-preset-${p.key}`}
                  value={p.key}
                  checked={presetKey === p.key}
                  onChange={() => choosePreset(p)}
                  aria-describedby={p.description ? `${PREFIX}-preset-${p.key}-desc` : undefined}
                />
                <div className="preset-text">
                  <label htmlFor={`${PREFIX}-preset-${p.key}`} className="preset-name">
                    {p.name}
                  </label>
                  {p.description && (
                    <p className="preset-desc" id={`${PREFIX}-preset-${p.key}-desc`}>
                      {p.description}
                    </p>
                  )}
                </div>
              </div>
            ))}
          </div>
        </fieldset>

        <h3 className="form-section-title">{t('periods.methodology')}</h3>
        <MethodologyEditor
          idPrefix={`${PREFIX}-m`}
          draft={draft}
          onChange={(d) => {
            setDraft(d);
            edited();
          }}
          serverIssues={methodologyServer}
        />

        <details className="disclosure" open={Object.values(schedule).some((r) => r.start || r.end) || undefined}>
          <summary>{t('periods.scheduleOptional')}</summary>
          <p className="hint">{t('schedule.timezone')}</p>
          <ScheduleFields
            idPrefix={`${PREFIX}-s`}
            draft={schedule}
            onChange={(s) => {
              setSchedule(s);
              edited();
            }}
            errors={errors}
          />
        </details>

        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('periods.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function PeriodsPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const manage = user ? canManage(user, cid) : false;
  const read = user ? canReadPeriods(user, cid) : false;
  const [creating, setCreating] = useState(false);
  const periods = useResource(() => api.periods(cid), [cid]);
  const categories = useResource(() => api.categories(cid), [cid]);
  const presets = useResource(() => (manage ? api.presets() : Promise.resolve(undefined)), [manage]);

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('periods.title')} />
        <div className="alert alert-info">{t('periods.noAccess')}</div>
      </>
    );
  }

  // the list waits for the categories too, so its "n of m categories" does not change under the reader's eyes
  const ready = periods.data && (categories.data || categories.error);
  const list = ready ? (periods.data?.periods ?? []) : [];
  const categoryCount = categories.data?.categories.length;
  return (
    <>
      <PageHeader
        title={t('periods.title')}
        lead={manage ? t('periods.leadManage') : t('periods.leadRead')}
        actions={
          manage && (
            <button
              type="button"
              className={`btn ${creating ? 'btn-primary' : 'btn-secondary'}`}
              aria-expanded={creating}
              aria-controls="panel-create-period"
              onClick={() => setCreating((c) => !c)}
            >
              {t('periods.create')}
            </button>
          )
        }
      />
      {manage && creating && (
        <>
          {presets.loading && !presets.data && <Loading />}
          <ErrorAlert error={presets.error} />
          {presets.data && periods.data && (
            <CreatePeriod cid={cid} presets={presets.data.methodologies} periods={periods.data.periods} />
          )}
        </>
      )}
      <ErrorAlert error={periods.error ?? categories.error} />
      {!ready && !periods.error && <Loading />}
      {ready && list.length === 0 && <p className="empty">{t('periods.none')}</p>}
      {list.length > 0 && (
        <TableWrap label={t('periods.tableLabel')}>
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('periods.year')}</th>
                <th scope="col">{t('periods.titleField')}</th>
                <th scope="col">{t('periods.stage')}</th>
                <th scope="col">{t('periods.questionnaires')}</th>
                <th scope="col">{t('periods.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((p) => (
                <tr key={p.id}>
                  <td className="num" data-label={t('periods.year')}>
                    <strong>{p.year}</strong>
                  </td>
                  <th scope="row" className="cell-name">
                    <Link to={periodPath(cid, p.id)}>{p.title}</Link>
                  </th>
                  <td data-label={t('periods.stage')}>
                    <StageBadge stage={p.stage} />
                  </td>
                  <td className="nowrap" data-label={t('periods.questionnaires')}>
                    {categoryCount === undefined
                      ? t('periods.questionnaireCount', { count: p.questionnaires.length })
                      : t('periods.questionnaireOf', { count: p.questionnaires.length, total: categoryCount })}
                  </td>
                  <td className="nowrap" data-label={t('periods.updated')}>
                    {formatDate(p.updatedAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {manage && <HistoryImport cid={cid} onImported={periods.reload} />}
    </>
  );
}
