import { api, type Stage } from '../api.ts';
import { categoriesApi } from '../categories-api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading } from '../components/Page.tsx';
import { StageBadge } from '../components/Stage.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { type OverviewPeriod, overviewApi } from './overview-api.ts';

/** The days left to the stage's scheduled end, in words (the last day, or how long it has overrun). */
function DaysLeft({ period }: { period: OverviewPeriod }) {
  const { t, formatDate, formatNumber } = useI18n();
  if (period.stageEnd === null || period.daysLeft === null) return <>{t('overview.noSchedule')}</>;
  const date = formatDate(period.stageEnd);
  if (period.daysLeft > 0) return <>{t('overview.daysLeft', { count: formatNumber(period.daysLeft), date })}</>;
  if (period.daysLeft === 0) return <>{t('overview.lastDay', { date })}</>;
  return (
    <span className="badge badge-warn">{t('overview.overdue', { count: formatNumber(-period.daysLeft), date })}</span>
  );
}

/**
 * A commission's first steps, while any is left: categories, then bodies (with their PPID operators invited from the
 * import), then a period. Each step says how far it is and leads to its page; the card goes once all three are done.
 */
function SetupSteps({ cid }: { cid: string }) {
  const { t, formatNumber } = useI18n();
  const state = useResource(async () => {
    const [{ categories }, { periods }] = await Promise.all([categoriesApi.list(cid), api.periods(cid)]);
    const bodies = categories.reduce((sum, c) => sum + (c.bodyCount ?? 0), 0);
    return { categories: categories.length, bodies, periods: periods.length };
  }, [cid]);
  const s = state.data;
  if (!s || (s.categories > 0 && s.bodies > 0 && s.periods > 0)) return null;
  const base = `/c/${encodeURIComponent(cid)}`;
  const steps = [
    { done: s.categories > 0, to: `${base}/categories`, title: t('setup.categories'), count: s.categories },
    { done: s.bodies > 0, to: `${base}/bodies`, title: t('setup.bodies'), count: s.bodies },
    { done: s.periods > 0, to: `${base}/periods`, title: t('setup.periods'), count: s.periods },
  ];
  const next = steps.find((step) => !step.done);
  return (
    <section className="card setup-steps" aria-labelledby={`setup-${cid}`}>
      <h2 id={`setup-${cid}`}>{t('setup.title')}</h2>
      <p className="hint">{t('setup.lead')}</p>
      <ol>
        {steps.map((step) => (
          <li key={step.to} className={step.done ? 'setup-done' : undefined}>
            <Link to={step.to} aria-current={step === next ? 'step' : undefined}>
              {step.title}
            </Link>{' '}
            <span className={step.done ? 'badge badge-ok' : 'badge'}>
              {step.done ? t('setup.doneCount', { count: formatNumber(step.count) }) : t('setup.todo')}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The commission admin's home (issue 25, item 5): each running period with its stage, the days left to the stage's
 * scheduled end, and the bodies not started, in progress, submitted and extended, with the way to the list.
 */
export function AdminOverview({ cid, context }: { cid: string; context?: string | undefined }) {
  const { t, formatNumber } = useI18n();
  const overview = useResource((signal) => overviewApi.overview(cid, signal), [cid]);
  const periods = overview.data?.periods ?? [];
  const headingId = `overview-${cid}`;
  return (
    <>
      <SetupSteps cid={cid} />
      <section className="card admin-overview" aria-labelledby={headingId}>
        {context && <p className="eyebrow">{context}</p>}
        <h2 id={headingId}>{t('overview.title')}</h2>
        <ErrorAlert error={overview.error} />
        {overview.loading && !overview.data && <Loading />}
        {overview.data && periods.length === 0 && <p className="empty">{t('overview.none')}</p>}
        {periods.map((p) => (
          <section
            key={p.id}
            className="overview-period"
            aria-labelledby={`overview-${p.id}`}
            data-testid="overview-period"
          >
            <div className="saq-home-head">
              <h3 id={`overview-${p.id}`}>{p.title}</h3>
              <StageBadge stage={p.stage as Stage} />
            </div>
            <p className="hint">
              <DaysLeft period={p} />
            </p>
            <dl className="facts facts-inline" aria-label={t('overview.countsLabel', { title: p.title })}>
              <Fact label={t('overview.notStarted')}>{formatNumber(p.counts.notStarted)}</Fact>
              <Fact label={t('overview.inProgress')}>{formatNumber(p.counts.inProgress)}</Fact>
              <Fact label={t('overview.submitted')}>{formatNumber(p.counts.submitted)}</Fact>
              <Fact label={t('overview.extended')}>{formatNumber(p.counts.extended)}</Fact>
            </dl>
            <div className="button-row">
              <Link
                to={`/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(p.id)}/submissions`}
                className="btn btn-primary"
              >
                {t('overview.open')}
              </Link>
            </div>
          </section>
        ))}
      </section>
    </>
  );
}
