import { ApiError, api, type Period, type RoleGrant } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { AdminOverview } from '../overview/AdminOverview.tsx';
import { isEvaluator } from '../permissions.ts';
import { OperatorResults } from '../results/ScorecardDownloads.tsx';
import { assignmentsApi } from '../review/assignments-api.ts';
import { panelApi } from '../review/panel-api.ts';
import { threadsApi } from '../review/threads-api.ts';
import { Link } from '../router.tsx';
import { useUnsavedCount } from '../saq/autosave.ts';
import { Deadline, SubmissionStatusBadge } from '../saq/parts.tsx';
import { ProgressBar } from '../saq/SaqSheet.tsx';
import { useSession } from '../session.tsx';

interface Card {
  to: string;
  title: string;
  text: string;
  context?: string | undefined;
}

const SHOWN_MISSING = 6;

/** The text of a question shortened for a list. */
const short = (text: string, max = 90) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** One open SAQ on the operator's home: deadline, status, progress, self score, what is missing, the way in. */
function SaqHomePeriod({ period, bodyId, several }: { period: Period; bodyId: string; several: boolean }) {
  const { t, formatNumber, formatScore } = useI18n();
  const data = useResource(
    async (signal) => {
      const { submission } = await api.mySubmission(period.id, bodyId, signal);
      const questionnaire = await api.questionnaire(period.id, submission.categoryCode).catch(() => undefined);
      return { submission, questionnaire };
    },
    [period.id, bodyId],
  );
  const s = data.data?.submission;
  const unsaved = useUnsavedCount(s?.id);
  if (data.error instanceof ApiError && data.error.status === 404) return <ClosedNotice />;
  const base = `/saq/${encodeURIComponent(period.id)}${several ? `?body=${encodeURIComponent(bodyId)}` : ''}`;
  const texts = new Map(
    (data.data?.questionnaire?.indicators ?? []).flatMap((i) => i.questions).map((q) => [q.code, q.text] as const),
  );
  const headingId = `saq-home-${period.id}`;
  return (
    <section className="saq-home" aria-labelledby={headingId}>
      <p className="eyebrow">{t('saq.home.eyebrow')}</p>
      <div className="saq-home-head">
        <h3 id={headingId}>{period.title}</h3>
        {s && <SubmissionStatusBadge status={s.status} editable={s.editable} />}
      </div>
      <ErrorAlert error={data.error} />
      {data.loading && !s && <Loading />}
      {s && (
        <>
          <dl className="facts facts-inline saq-home-facts">
            <Fact label={t('saq.deadline')} wide>
              <Deadline submission={s} />
            </Fact>
            <Fact label={t('saq.selfScore')} valueClass="saq-home-score">
              {formatScore(s.scores.self, period.methodology.decimals)}
            </Fact>
            <Fact label={t('saq.answeredLabel')}>
              {t('saq.answeredOf', {
                answered: formatNumber(s.progress.answered),
                total: formatNumber(s.progress.total),
              })}
            </Fact>
          </dl>
          <ProgressBar
            value={s.progress.answered}
            total={s.progress.total}
            label={t('saq.home.progressLabel', { title: period.title })}
          />
          <div className="button-row">
            <Link to={base} className="btn btn-primary">
              {s.editable && s.status === 'draft' ? t('saq.home.fill') : t('saq.home.view')}
            </Link>
          </div>
          {unsaved > 0 && (
            <p className="alert alert-warning saq-home-unsaved">{t('saq.home.unsaved', { count: unsaved })}</p>
          )}
          {s.status === 'submitted' && s.submittedAt && <SubmittedNote at={s.submittedAt} />}
          {s.status === 'draft' && s.progress.missing.length > 0 && (
            <div className="saq-home-missing">
              <h4>{t('saq.home.missing', { count: formatNumber(s.progress.missing.length) })}</h4>
              <ul className="missing-list">
                {s.progress.missing.slice(0, SHOWN_MISSING).map((code) => (
                  <li key={code}>
                    <Link to={`${base}#q-${code}`}>{code}</Link>{' '}
                    <span className="missing-text">{short(texts.get(code) ?? '')}</span>
                  </li>
                ))}
              </ul>
              {s.progress.missing.length > SHOWN_MISSING && (
                <p className="hint">
                  {t('saq.home.moreMissing', { count: formatNumber(s.progress.missing.length - SHOWN_MISSING) })}
                </p>
              )}
            </div>
          )}
          {s.status === 'draft' && s.progress.missing.length === 0 && (
            <p className="alert alert-success">{t('saq.home.complete')}</p>
          )}
        </>
      )}
    </section>
  );
}

function SubmittedNote({ at }: { at: string }) {
  const { t, formatDate } = useI18n();
  return <p className="alert alert-success">{t('saq.submittedAt', { when: formatDate(at, true) })}</p>;
}

function ClosedNotice() {
  const { t } = useI18n();
  return (
    <div className="notice">
      <h3>{t('home.questionnaireClosed')}</h3>
      <p>{t('home.questionnaireClosedText')}</p>
    </div>
  );
}

/** The SAQ periods open in the body's commission (usually one), else the note that none is open. */
function OperatorSaq({ grant, several }: { grant: RoleGrant & { bodyId: string }; several: boolean }) {
  const cid = grant.commissionId;
  const periods = useResource(() => (cid ? api.periods(cid) : Promise.resolve({ periods: [] as Period[] })), [cid]);
  if (periods.loading && !periods.data) return <Loading />;
  if (periods.error) return <ErrorAlert error={periods.error} />;
  const open = (periods.data?.periods ?? []).filter((p) => p.stage === 'saq').sort((a, b) => b.year - a.year);
  if (open.length === 0) return <ClosedNotice />;
  return (
    <>
      {open.map((p) => (
        <SaqHomePeriod key={p.id} period={p} bodyId={grant.bodyId} several={several} />
      ))}
    </>
  );
}

/** Stages from which the body sees its verification (the server's VERIFICATION_RELEASED). */
const RELEASED_STAGES: readonly string[] = ['objection', 'presentation', 'results', 'published'];

/**
 * The body's review work: open clarification requests with their due dates, and once verification is released, the
 * way to its verified score and objections.
 */
function OperatorReview({ grant }: { grant: RoleGrant & { bodyId: string } }) {
  const { t, formatDate } = useI18n();
  const cid = grant.commissionId;
  const asked = useResource((signal) => threadsApi.myClarifications('open', signal), []);
  const released = useResource(async () => {
    if (!cid) return [];
    const { periods } = await api.periods(cid);
    // an imported earlier year has no questionnaire and no submission: nothing to ask for
    const shown = periods
      .filter((p) => RELEASED_STAGES.includes(p.stage) && p.questionnaires.length > 0)
      .sort((a, b) => b.year - a.year);
    const found = await Promise.all(
      shown.map((p) =>
        api.mySubmission(p.id, grant.bodyId).then(
          ({ submission }) => ({ period: p, sid: submission.id }),
          () => undefined,
        ),
      ),
    );
    return found.filter((f) => f !== undefined);
  }, [cid, grant.bodyId]);
  const open = (asked.data?.clarifications ?? []).filter((c) => c.bodyId === grant.bodyId);
  const reviews = released.data ?? [];
  if (open.length === 0 && reviews.length === 0) return null;
  return (
    <section className="operator-review" aria-labelledby={`review-${grant.bodyId}`}>
      <h3 id={`review-${grant.bodyId}`}>{t('home.review.title')}</h3>
      {open.length > 0 && (
        <>
          <p>{t('home.review.asked', { count: open.length })}</p>
          <ul className="link-list">
            {open.map((c) => (
              <li key={c.id}>
                <Link to={`/submissions/${encodeURIComponent(c.submissionId)}/review#q-${c.questionCode}`}>
                  {t('home.review.item', { code: c.questionCode, year: c.year })}
                </Link>{' '}
                <span className="thread-due">{t('threads.dueAt', { when: formatDate(c.dueAt, true) })}</span>
              </li>
            ))}
          </ul>
          <p>
            <Link to="/clarifications">{t('home.review.all')}</Link>
          </p>
        </>
      )}
      {reviews.length > 0 && (
        <ul className="link-list">
          {reviews.map((r) => (
            <li key={r.sid}>
              <Link to={`/submissions/${encodeURIComponent(r.sid)}/review`}>
                {t('home.review.released', { title: r.period.title })}
              </Link>
              {' · '}
              <Link to={`/submissions/${encodeURIComponent(r.sid)}/scorecard`}>{t('scorecard.link')}</Link>
              {r.period.stage === 'objection' && (
                <span className="badge badge-warn">{t('home.review.objectionOpen')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function OperatorBody({ grant, several }: { grant: RoleGrant & { bodyId: string }; several: boolean }) {
  const { t } = useI18n();
  const body = useResource(() => api.body(grant.bodyId), [grant.bodyId]);
  const b = body.data?.body;
  return (
    <section className="card operator-card" aria-labelledby={`body-${grant.bodyId}`}>
      <p className="eyebrow">{t('home.yourBody')}</p>
      <h2 id={`body-${grant.bodyId}`}>{b?.name ?? grant.bodyName ?? '…'}</h2>
      <OperatorSaq grant={grant} several={several} />
      <OperatorReview grant={grant} />
      <OperatorResults grant={grant} />
      {body.loading && !b && <Loading />}
      <ErrorAlert error={body.error} />
      {b && (
        <dl className="facts facts-inline">
          <Fact label={t('body.category')}>{b.categoryName}</Fact>
          <Fact label={t('body.province')}>{b.province ?? '—'}</Fact>
          <Fact label={t('body.website')}>{b.website ? <a href={b.website}>{b.website}</a> : '—'}</Fact>
          <Fact label={t('body.ppidEmail')}>{b.ppidEmail ?? '—'}</Fact>
        </dl>
      )}
    </section>
  );
}

/** An evaluator's queue in brief: how many assigned SAQs wait for them, how many are late, the way to the queue. */
function EvaluatorQueue() {
  const { t, formatNumber } = useI18n();
  const queue = useResource((signal) => assignmentsApi.evaluations(signal), []);
  const all = queue.data?.evaluations ?? [];
  const open = all.filter((e) => e.verificationState !== 'complete').length;
  const overdue = all.filter((e) => e.overdue).length;
  return (
    <section className="card" aria-labelledby="home-evaluations">
      <h2 id="home-evaluations">{t('evaluations.homeTitle')}</h2>
      <ErrorAlert error={queue.error} />
      {queue.loading && !queue.data && <Loading />}
      {queue.data && (
        <p>
          {all.length === 0
            ? t('evaluations.empty')
            : t('evaluations.homeText', { open: formatNumber(open), total: formatNumber(all.length) })}
          {overdue > 0 && (
            <>
              {' '}
              <span className="badge badge-bad">{t('evaluations.overdue', { count: formatNumber(overdue) })}</span>
            </>
          )}
        </p>
      )}
      <div className="button-row">
        <Link to="/evaluations" className="btn btn-primary">
          {t('evaluations.homeLink')}
        </Link>
      </div>
    </section>
  );
}

/** A juror's way to the panel's scoring pages: the periods whose panel they sit on (panel, issue 22). */
function JurorPanels() {
  const { t } = useI18n();
  const panels = useResource((signal) => panelApi.mine(signal), []);
  const list = panels.data?.panels ?? [];
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="home-jury">
      <h2 id="home-jury">{t('panel.homeTitle')}</h2>
      <ul className="link-list">
        {list.map((p) => (
          <li key={p.periodId}>
            <Link to={`/panel/${encodeURIComponent(p.periodId)}`}>{p.title}</Link>{' '}
            <span className="hint">{t(`stage.${p.stage}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user) return null;

  const cards: Card[] = [];
  const add = (card: Card) => {
    if (!cards.some((c) => c.to === card.to)) cards.push(card);
  };
  const multiple = new Set(user.roles.map((r) => r.commissionId).filter(Boolean)).size > 1;
  for (const r of user.roles) {
    const cid = r.commissionId ? encodeURIComponent(r.commissionId) : undefined;
    const context = multiple ? r.commissionName : undefined;
    if (r.role === 'platform_admin') {
      add({ to: '/commissions', title: t('home.card.commissions'), text: t('home.card.commissionsText') });
    } else if (r.role === 'commission_admin' && cid) {
      add({ to: `/c/${cid}/bodies`, title: t('home.card.bodies'), text: t('home.card.bodiesText'), context });
      add({ to: `/c/${cid}/periods`, title: t('home.card.periods'), text: t('home.card.periodsText'), context });
      add({ to: `/c/${cid}/users`, title: t('home.card.users'), text: t('home.card.usersText'), context });
    } else if ((r.role === 'evaluator' || r.role === 'leadership') && cid) {
      add({ to: `/c/${cid}/bodies`, title: t('home.card.bodies'), text: t('home.card.bodiesReadText'), context });
      add({
        to: `/c/${cid}/periods`,
        title: t('home.card.periods'),
        text: r.role === 'leadership' ? t('home.card.periodsLeadText') : t('home.card.periodsReadText'),
        context,
      });
    }
    // the leadership dashboard (issue 23)
    if (r.role === 'leadership' && cid) {
      add({ to: `/c/${cid}/dashboard`, title: t('dashboard.homeCard'), text: t('dashboard.homeCardText'), context });
    }
  }
  const operated = user.roles.filter(
    (r): r is RoleGrant & { bodyId: string } => r.role === 'body_operator' && typeof r.bodyId === 'string',
  );

  return (
    <>
      <PageHeader title={t('home.title', { name: user.name })} lead={t('home.lead')} />
      {user.roles
        .filter((r) => r.role === 'commission_admin' && r.commissionId)
        .map((r) => (
          <AdminOverview
            key={r.commissionId}
            cid={r.commissionId as string}
            context={multiple ? r.commissionName : undefined}
          />
        ))}
      {isEvaluator(user) && <EvaluatorQueue />}
      {operated.map((grant) => (
        <OperatorBody
          key={grant.bodyId}
          grant={grant}
          several={operated.filter((g) => g.commissionId === grant.commissionId).length > 1}
        />
      ))}
      {isEvaluator(user) && <JurorPanels />}
      {cards.length > 0 && (
        <section aria-labelledby="home-tasks">
          <h2 id="home-tasks">{t('home.tasks')}</h2>
          <ul className="card-grid">
            {cards.map((card) => (
              <li key={card.to}>
                <Link to={card.to} className="card card-link">
                  {card.context && <span className="eyebrow">{card.context}</span>}
                  <span className="card-title">{card.title}</span>
                  <span className="card-text">{card.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="home-roles" className="section">
        <h2 id="home-roles">{t('home.roles')}</h2>
        {user.roles.length === 0 ? (
          <p>{t('home.noRoles')}</p>
        ) : (
          <ul className="role-list">
            {user.roles.map((r) => (
              <li key={`${r.role}-${r.commissionId ?? ''}-${r.bodyId ?? ''}`}>
                <span className="badge">{t(`role.${r.role}`)}</span>
                <span>
                  {r.role === 'platform_admin'
                    ? t('home.allCommissions')
                    : (r.commissionName ?? r.commissionCode ?? '')}
                  {r.bodyName ? ` · ${r.bodyName}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
