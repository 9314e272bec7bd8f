import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { MOVABLE_STAGES, STAGES } from '../../../src/domain/stages.ts';
import { ApiError, api, type MovableStage, type Period, type PeriodPatch } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { IssueSummary } from '../components/IssueSummary.tsx';
import { MethodologyEditor, methodologyFieldId, scheduleFieldId } from '../components/MethodologyEditor.tsx';
import { MethodologyView } from '../components/MethodologyView.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { ScheduleFields, ScheduleView } from '../components/Schedule.tsx';
import { StageBadge, StageStepper } from '../components/Stage.tsx';
import { type TabDef, Tabs } from '../components/Tabs.tsx';
import {
  draftToMethodology,
  draftToSchedule,
  type Issue,
  issuesByPath,
  type MethodologyDraft,
  methodologyToDraft,
  type ScheduleDraft,
  scheduleToDraft,
  stageName,
} from '../drafts.ts';
import { useFocusAfterRender, useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage, canReadDashboard, canReadPeriods, canRunWhatIf } from '../permissions.ts';
import { RESULT_STAGES } from '../results/admin-parts.tsx';
import { PeriodDocuments } from '../results/documents.tsx';
import { ReviewLinks } from '../review/ReviewLinks.tsx';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import { PeriodQuestionnaires } from './PeriodQuestionnaires.tsx';
import { PeriodWhatIf } from './PeriodWhatIf.tsx';
import type { PageProps } from './page-props.ts';
import { figuresText, StageMoveDialog } from './StageMoveDialog.tsx';

type TabKey = 'overview' | 'methodology' | 'schedule' | 'questionnaires' | 'whatif';
const TAB_KEYS: readonly TabKey[] = ['overview', 'methodology', 'schedule', 'questionnaires', 'whatif'];

/** The stage an admin may move the period to next, or null (results: only publishing goes on). */
export function nextStage(stage: Period['stage']): MovableStage | null {
  const next = STAGES[STAGES.indexOf(stage) + 1];
  return MOVABLE_STAGES.find((s) => s === next) ?? null;
}

const issuesOf = (error: unknown): Issue[] =>
  error instanceof ApiError
    ? (error.problem.errors ?? []).flatMap((e) => (e.path ? [{ path: e.path, message: e.message }] : []))
    : [];

/** A 409 VERSION_CONFLICT: someone saved the period since it was opened; take theirs, or save mine over it. */
function ConflictAlert({
  current,
  onTakeTheirs,
  onKeepMine,
}: {
  current: Period;
  onTakeTheirs: () => void;
  onKeepMine: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="alert alert-warning" role="alert">
      <p className="alert-title">{t('edit.conflictTitle')}</p>
      <p>{t('period.conflictText', { version: current.version })}</p>
      <div className="button-row">
        <button type="button" className="btn btn-secondary" onClick={onTakeTheirs}>
          {t('edit.takeTheirs')}
        </button>
        <button type="button" className="btn btn-primary" onClick={onKeepMine}>
          {t('edit.keepMine')}
        </button>
      </div>
    </div>
  );
}

/** Saving a part of the period with If-Match, with the conflict and the server's problems kept for the form. */
function usePeriodSave(period: Period, onSaved: (p: Period) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Period | null>(null);
  const save = async (patch: PeriodPatch, version = period.version): Promise<boolean> => {
    setBusy(true);
    setError(null);
    setConflict(null);
    try {
      const { period: saved } = await api.updatePeriod(period.id, version, patch);
      onSaved(saved);
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT' && e.problem.current) {
        setConflict(e.problem.current as Period);
      } else {
        setError(e);
      }
      return false;
    } finally {
      setBusy(false);
    }
  };
  const reset = () => {
    setError(null);
    setConflict(null);
  };
  return { busy, error, conflict, save, reset };
}

function Overview({ period, manage, onChanged }: { period: Period; manage: boolean; onChanged: (p: Period) => void }) {
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const { announce } = useStatus();
  const events = useResource(() => api.stageEvents(period.id), [period.id, period.stage]);
  const users = useResource(
    () => (manage ? api.users(period.commissionId) : Promise.resolve(undefined)),
    [manage, period.commissionId],
  );
  const [open, setOpen] = useState(false);
  const next = nextStage(period.stage);
  const names = new Map((users.data?.users ?? []).map((u) => [u.id, u.name]));
  const actor = (id: string | null) => {
    if (!id) return '—';
    if (id === user?.id) return t('period.you');
    return names.get(id) ?? '—';
  };

  const moved = (period: Period) => {
    setOpen(false);
    onChanged(period);
    announce(t('period.moved', { stage: stageName(t, period.stage) }));
    document.getElementById('period-stage-heading')?.focus();
  };

  const eventList = events.data?.events ?? [];
  return (
    <div className="period-overview">
      <dl className="facts facts-inline period-facts">
        <div>
          <dt>{t('periods.year')}</dt>
          <dd>{period.year}</dd>
        </div>
        <div>
          <dt>{t('periods.questionnaires')}</dt>
          <dd>{t('periods.questionnaireCount', { count: period.questionnaires.length })}</dd>
        </div>
        <div>
          <dt>{t('periods.updated')}</dt>
          <dd>{formatDate(period.updatedAt, true)}</dd>
        </div>
        {period.settings.signatory && (
          <div>
            <dt>{t('period.signatory')}</dt>
            <dd>
              {period.settings.signatory.name} ({period.settings.signatory.title})
            </dd>
          </div>
        )}
      </dl>

      <section className="card" aria-labelledby="period-stage-heading">
        <h2 id="period-stage-heading" tabIndex={-1}>
          {t('period.stageTitle')}
        </h2>
        <StageStepper stage={period.stage} />
        {manage && next && (
          <div className="stage-action">
            <p className="hint">{t(next === 'saq' ? 'period.moveSaqHint' : 'period.moveHint')}</p>
            <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
              {t('period.moveTo', { stage: stageName(t, next) })}
            </button>
          </div>
        )}
        {manage && period.stage === 'results' && <p className="hint">{t('period.publishHint')}</p>}
      </section>

      {next && manage && (
        <StageMoveDialog period={period} next={next} open={open} onClose={() => setOpen(false)} onMoved={moved} />
      )}

      {manage && period.stage !== 'draft' && <ReviewLinks period={period} />}
      {user && canReadDashboard(user, period.commissionId) && RESULT_STAGES.some((s) => s === period.stage) && (
        <>
          <section className="card" aria-labelledby="period-results-heading">
            <h2 id="period-results-heading">{t('results.link')}</h2>
            <p className="hint">{t('results.linkLead')}</p>
            <Link
              className="btn btn-secondary"
              to={`/c/${encodeURIComponent(period.commissionId)}/periods/${encodeURIComponent(period.id)}/results`}
            >
              {t('results.link')}
            </Link>
          </section>
          <PeriodDocuments period={period} />
        </>
      )}

      <div className="section">
        <h2 id="period-history">{t('period.history')}</h2>
        <ErrorAlert error={events.error} />
        {events.loading && !events.data && <Loading />}
        {events.data && eventList.length === 0 && <p className="empty">{t('period.noHistory')}</p>}
        {eventList.length > 0 && (
          <TableWrap label={t('period.history')}>
            <table className="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('period.when')}</th>
                  <th scope="col">{t('period.move')}</th>
                  {manage && <th scope="col">{t('period.by')}</th>}
                  <th scope="col">{t('period.reason')}</th>
                  <th scope="col">{t('stageMove.figuresTitle')}</th>
                </tr>
              </thead>
              <tbody>
                {eventList.map((e) => (
                  <tr key={`${e.at}-${e.to}`}>
                    <td className="nowrap">{formatDate(e.at, true)}</td>
                    <td>
                      {stageName(t, e.from)} → <strong>{stageName(t, e.to)}</strong>
                    </td>
                    {manage && <td>{actor(e.actorId)}</td>}
                    <td>{e.reason ?? '—'}</td>
                    <td>{e.figures ? figuresText(t, e.figures) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </div>
    </div>
  );
}

function MethodologyPanel({
  period,
  manage,
  onChanged,
}: {
  period: Period;
  manage: boolean;
  onChanged: (p: Period) => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const editable = manage && period.stage === 'draft';
  const [draft, setDraft] = useState<MethodologyDraft>(() => methodologyToDraft(period.methodology));
  const saving = usePeriodSave(period, onChanged);
  const focusAfterRender = useFocusAfterRender();
  const live = useMemo(() => draftToMethodology(draft), [draft]);
  const saved = useMemo(
    () => JSON.stringify(draftToMethodology(methodologyToDraft(period.methodology)).methodology),
    [period.methodology],
  );
  const dirty = JSON.stringify(live.methodology) !== saved;
  const serverIssues = issuesOf(saving.error)
    .filter((i) => i.path.startsWith('methodology.'))
    .map((i) => ({ path: i.path.slice('methodology.'.length), message: i.message }));
  const [attempted, setAttempted] = useState(false);

  if (!editable) {
    return (
      <>
        {period.stage !== 'draft' && <p className="notice-inline">{t('period.methodologyFrozen')}</p>}
        <MethodologyView methodology={period.methodology} idPrefix="period-m-view" />
      </>
    );
  }

  const submit = async (event: FormEvent, version?: number) => {
    event.preventDefault();
    setAttempted(true);
    if (live.issues.length > 0) {
      focusAfterRender('period-m-summary');
      return;
    }
    if (await saving.save({ methodology: live.methodology }, version)) {
      setAttempted(false);
      announce(t('period.methodologySaved'));
    } else {
      focusAfterRender('period-m-feedback');
    }
  };

  return (
    <form onSubmit={(e) => submit(e)} noValidate>
      <p className="hint">{t('period.methodologyEditHint')}</p>
      <div id="period-m-feedback" tabIndex={-1} className="form-feedback">
        {saving.conflict && (
          <ConflictAlert
            current={saving.conflict}
            onTakeTheirs={() => {
              const current = saving.conflict as Period;
              onChanged(current);
              setDraft(methodologyToDraft(current.methodology));
              saving.reset();
              announce(t('edit.loadedLatest', { version: current.version }), 'info');
            }}
            onKeepMine={() => {
              const current = saving.conflict as Period;
              onChanged(current);
              void saving
                .save({ methodology: live.methodology }, current.version)
                .then((ok) => ok && announce(t('period.methodologySaved')));
            }}
          />
        )}
        <IssueSummary
          id="period-m-summary"
          error={saving.error}
          issues={saving.error ? issuesOf(saving.error) : attempted ? live.issues : []}
          fieldId={(path) => methodologyFieldId('period-m', draft, path.replace(/^methodology\./, ''))}
        />
      </div>
      <MethodologyEditor
        idPrefix="period-m"
        draft={draft}
        onChange={(d) => {
          setDraft(d);
          saving.reset();
        }}
        serverIssues={serverIssues}
      />
      <div className={`form-actions ${dirty ? 'sticky-actions' : ''}`}>
        <button type="submit" className="btn btn-primary" disabled={saving.busy || !dirty}>
          {saving.busy ? t('common.saving') : t('period.saveMethodology')}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!dirty}
          onClick={() => {
            setDraft(methodologyToDraft(period.methodology));
            saving.reset();
            setAttempted(false);
          }}
        >
          {t('period.discard')}
        </button>
        <span className="hint">{dirty ? t('period.unsaved') : t('period.noChanges')}</span>
      </div>
    </form>
  );
}

function SchedulePanel({
  period,
  manage,
  onChanged,
}: {
  period: Period;
  manage: boolean;
  onChanged: (p: Period) => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [draft, setDraft] = useState<ScheduleDraft>(() => scheduleToDraft(period.schedule));
  const saving = usePeriodSave(period, onChanged);
  const focusAfterRender = useFocusAfterRender();
  const live = useMemo(() => draftToSchedule(draft), [draft]);
  const errors = issuesByPath(t, [...live.issues, ...issuesOf(saving.error)]);
  const [attempted, setAttempted] = useState(false);
  const dirty =
    JSON.stringify(live.schedule) !== JSON.stringify(draftToSchedule(scheduleToDraft(period.schedule)).schedule);

  if (!manage) {
    return (
      <>
        <p className="hint">{t('schedule.timezone')}</p>
        <ScheduleView schedule={period.schedule} />
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (live.issues.length > 0) {
      focusAfterRender('period-s-summary');
      return;
    }
    if (await saving.save({ schedule: live.schedule })) {
      setAttempted(false);
      announce(t('period.scheduleSaved'));
    } else {
      focusAfterRender('period-s-feedback');
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <p className="hint">{t('schedule.timezone')}</p>
      <div id="period-s-feedback" tabIndex={-1} className="form-feedback">
        {saving.conflict && (
          <ConflictAlert
            current={saving.conflict}
            onTakeTheirs={() => {
              const current = saving.conflict as Period;
              onChanged(current);
              setDraft(scheduleToDraft(current.schedule));
              saving.reset();
            }}
            onKeepMine={() => {
              const current = saving.conflict as Period;
              onChanged(current);
              void saving
                .save({ schedule: live.schedule }, current.version)
                .then((ok) => ok && announce(t('period.scheduleSaved')));
            }}
          />
        )}
        <IssueSummary
          id="period-s-summary"
          error={saving.error}
          issues={saving.error ? issuesOf(saving.error) : attempted ? live.issues : []}
          fieldId={(path) => scheduleFieldId('period-s', path)}
        />
      </div>
      <ScheduleFields
        idPrefix="period-s"
        draft={draft}
        onChange={(d) => {
          setDraft(d);
          saving.reset();
        }}
        errors={errors}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving.busy || !dirty}>
          {saving.busy ? t('common.saving') : t('period.saveSchedule')}
        </button>
      </div>
    </form>
  );
}

export function PeriodPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const manage = user ? canManage(user, cid) : false;
  const read = user ? canReadPeriods(user, cid) : false;
  const whatIf = user ? canRunWhatIf(user, cid) : false;
  const loaded = useResource(() => api.period(pid), [pid]);
  const [period, setPeriod] = useState<Period | undefined>(undefined);
  useEffect(() => {
    if (loaded.data) setPeriod(loaded.data.period);
  }, [loaded.data]);

  const tabs: TabDef<TabKey>[] = [
    { key: 'overview', label: t('period.tab.overview') },
    { key: 'methodology', label: t('period.tab.methodology') },
    { key: 'schedule', label: t('period.tab.schedule') },
    { key: 'questionnaires', label: t('period.tab.questionnaires') },
    ...(whatIf ? [{ key: 'whatif' as const, label: t('period.tab.whatif') }] : []),
  ];
  const asked = location.search.get('tab') as TabKey | null;
  const tab: TabKey = asked && TAB_KEYS.includes(asked) && tabs.some((x) => x.key === asked) ? asked : 'overview';
  const select = (key: TabKey) =>
    navigate(key === 'overview' ? location.pathname : `${location.pathname}?tab=${key}`, { replace: true });

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('periods.title')} />
        <div className="alert alert-info">{t('periods.noAccess')}</div>
      </>
    );
  }

  const back = (
    <p className="breadcrumb">
      <Link to={`/c/${encodeURIComponent(cid)}/periods`}>← {t('periods.title')}</Link>
    </p>
  );
  if (!period) {
    return (
      <>
        {back}
        <PageHeader title={loaded.error ? t('period.notFound') : t('common.loading')} />
        <ErrorAlert error={loaded.error} />
        {loaded.loading && <Loading />}
      </>
    );
  }

  return (
    <>
      {back}
      <PageHeader
        title={period.title}
        lead={
          <span className="period-lead">
            {t('period.lead', { year: period.year })} <StageBadge stage={period.stage} />
          </span>
        }
        actions={
          period.stage !== 'draft' ? (
            <Link
              to={`/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(period.id)}/submissions`}
              className="btn btn-secondary"
            >
              {t('saq.list.link')}
            </Link>
          ) : undefined
        }
      />
      <Tabs idPrefix="period" label={t('period.tabsLabel')} tabs={tabs} selected={tab} onSelect={select}>
        {tab === 'overview' && <Overview period={period} manage={manage} onChanged={setPeriod} />}
        {tab === 'methodology' && (
          <MethodologyPanel key={`${period.stage}`} period={period} manage={manage} onChanged={setPeriod} />
        )}
        {tab === 'schedule' && <SchedulePanel period={period} manage={manage} onChanged={setPeriod} />}
        {tab === 'questionnaires' && (
          <PeriodQuestionnaires cid={cid} period={period} manage={manage} onChanged={loaded.reload} />
        )}
        {tab === 'whatif' && whatIf && <PeriodWhatIf cid={cid} period={period} />}
      </Tabs>
    </>
  );
}
