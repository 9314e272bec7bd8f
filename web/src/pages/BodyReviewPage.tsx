import { useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { type AnswerValue, questionFraction } from '../../../src/domain/scoring.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Fact, Loading, PageHeader } from '../components/Page.tsx';
import { useI18n } from '../i18n/index.tsx';
import { ItemThreads, useThreadContext } from '../review/ItemThreads.tsx';
import { Link } from '../router.tsx';
import { answerText } from '../saq/format.ts';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/**
 * The body's view of its verification (issue 22, item 4), once released at the objection stage: self against verified
 * score, and item by item where and why the score changed, with each item's clarifications and objections. Before the
 * release only the items the evaluators asked about are shown, so that the body can answer them.
 */
export function BodyReviewPage({ params }: PageProps) {
  const sid = params.sid ?? '';
  const { t, formatScore, formatNumber } = useI18n();
  const { user } = useSession();
  const { data, error } = useThreadContext(sid);
  const [all, setAll] = useState(false);
  if (error) {
    return (
      <>
        <PageHeader title={t('bodyReview.title')} />
        <ErrorAlert error={error} />
      </>
    );
  }
  if (!data) return <Loading />;
  const { submission: s, period, questions } = data;
  const decimals = period.methodology.decimals;
  const viewer = user?.roles.some((r) => r.role === 'body_operator' && r.bodyId === s.bodyId) ? 'body' : 'staff';
  const released = s.scores.verified !== undefined && s.verification !== undefined;
  const verified = new Map((s.verification ?? []).map((v) => [v.questionCode, v] as const));
  const answers = new Map(s.answers.map((a) => [a.questionCode, a] as const));
  const threaded = new Set([...data.clarifications, ...data.objections].map((x) => x.questionCode));
  const ordered = [...questions.values()];
  const changedCodes = new Set(
    ordered
      .filter((q) => {
        const v = verified.get(q.code);
        if (!v) return false;
        const self = questionFraction(q, answers.get(q.code)?.value ?? null);
        return !questionFraction(q, v.value).eq(self);
      })
      .map((q) => q.code),
  );
  const shown = ordered.filter((q) =>
    released ? all || changedCodes.has(q.code) || threaded.has(q.code) : threaded.has(q.code),
  );
  return (
    <>
      <PageHeader
        title={t('bodyReview.title')}
        lead={t('bodyReview.lead', { body: s.bodyName, year: s.year })}
        actions={
          <Link to={`/submissions/${encodeURIComponent(sid)}/history`} className="btn btn-secondary">
            {t('bodyReview.history')}
          </Link>
        }
      />
      {released ? (
        <section className="card" aria-labelledby="review-scores">
          <h2 id="review-scores">{t('bodyReview.scores')}</h2>
          <dl className="facts facts-inline">
            <Fact label={t('bodyReview.self')}>{formatScore(s.scores.self, decimals)}</Fact>
            <Fact label={t('bodyReview.verified')} valueClass="review-verified">
              {formatScore(s.scores.verified, decimals)}
            </Fact>
            <Fact label={t('bodyReview.changedItems')}>{formatNumber(changedCodes.size)}</Fact>
          </dl>
          {period.stage === 'objection' && <p className="hint">{t('bodyReview.objectHint')}</p>}
        </section>
      ) : (
        <div className="notice">
          <h2>{t('bodyReview.notReleased')}</h2>
          <p>{t('bodyReview.notReleasedText')}</p>
        </div>
      )}
      <section aria-labelledby="review-items" className="section">
        <div className="review-items-head">
          <h2 id="review-items">{released ? t('bodyReview.items') : t('bodyReview.asked')}</h2>
          {released && (
            <label className="choice">
              <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
              <span>{t('bodyReview.showAll')}</span>
            </label>
          )}
        </div>
        {shown.length === 0 && <p>{released ? t('bodyReview.noChanges') : t('bodyReview.noQuestions')}</p>}
        <ul className="review-items">
          {shown.map((q) => (
            <li key={q.code} id={`q-${q.code}`} className="card review-item">
              <ReviewItem
                question={q}
                self={answers.get(q.code)?.value ?? null}
                verified={verified.get(q.code)}
                released={released}
                changed={changedCodes.has(q.code)}
              />
              <ItemThreads submissionId={sid} questionCode={q.code} viewer={viewer} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function ReviewItem({
  question: q,
  self,
  verified,
  released,
  changed,
}: {
  question: Question;
  self: AnswerValue;
  verified: { value: AnswerValue; reason: string | null } | undefined;
  released: boolean;
  changed: boolean;
}) {
  const { t, formatNumber } = useI18n();
  const fraction = (value: AnswerValue) => formatNumber(Number(questionFraction(q, value).toFixed(2)));
  return (
    <div className="review-item-body">
      <h3 className="review-item-title">
        <span className="review-code">{q.code}</span> {q.text}
        {changed && <span className="badge badge-warn">{t('bodyReview.changed')}</span>}
      </h3>
      <dl className="facts facts-inline">
        <Fact label={t('bodyReview.selfAnswer')}>
          {answerText(q, self, t)} ({fraction(self)})
        </Fact>
        {released && (
          <Fact label={t('bodyReview.verifiedAnswer')}>
            {verified
              ? `${answerText(q, verified.value, t)} (${fraction(verified.value)})`
              : t('bodyReview.asAnswered')}
          </Fact>
        )}
        {released && verified?.reason && (
          <Fact label={t('bodyReview.reason')} wide valueClass="pre-wrap">
            {verified.reason}
          </Fact>
        )}
      </dl>
    </div>
  );
}
