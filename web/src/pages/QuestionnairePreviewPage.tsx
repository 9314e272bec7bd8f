import { useMemo, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { type AnswerInput, type AnswerValue, scoreQuestionnaire } from '../../../src/domain/scoring.ts';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { AnswerControls, EvidenceBadge } from '../components/QuestionParts.tsx';
import { weightShares } from '../drafts.ts';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canReadPeriods } from '../permissions.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

type Answers = Record<string, AnswerValue>;

/** One question as a body sees it: code, text, guidance, evidence rule, and answer controls that save nothing. */
function PreviewQuestion({
  question: q,
  value,
  onAnswer,
}: {
  question: Question;
  value: AnswerValue | undefined;
  onAnswer: (value: AnswerValue | undefined) => void;
}) {
  const { t, formatNumber } = useI18n();
  const name = `q-${q.code}`;
  const answered = value !== undefined && value !== null;
  return (
    <li className="pq">
      <fieldset className="pq-fieldset">
        <legend className="pq-legend">
          <span className="pq-code">{q.code}</span> <span className="pq-text">{q.text}</span>
        </legend>
        <div className="pq-meta">
          <EvidenceBadge rule={q.evidence} />
          <span className="badge badge-muted">{t('preview.weight', { weight: formatNumber(q.weight) })}</span>
          {answered && (
            <button type="button" className="btn-link pq-clear" onClick={() => onAnswer(undefined)}>
              {t('preview.clear')}
              <span className="sr-only"> {q.code}</span>
            </button>
          )}
        </div>
        {q.guidance && (
          <details className="pq-guidance">
            <summary className="pq-guidance-toggle">{t('preview.guidance')}</summary>
            <p>{q.guidance}</p>
          </details>
        )}
        <AnswerControls question={q} value={value} name={name} onAnswer={onAnswer} />
      </fieldset>
    </li>
  );
}

/**
 * A category's questionnaire as a body will see it. The controls work but save nothing; the self score is computed
 * in the browser by the server's own engine (scoreQuestionnaire, exact) and rounded at the period's decimals.
 */
export function QuestionnairePreviewPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const code = params.categoryCode ?? '';
  const { t, formatNumber, formatScore, formatPercent: percent } = useI18n();
  const { user } = useSession();
  const read = user ? canReadPeriods(user, cid) : false;
  const period = useResource(() => api.period(pid), [pid]);
  const questionnaire = useResource(() => api.questionnaire(pid, code), [pid, code]);
  const [answers, setAnswers] = useState<Answers>({});

  const indicators = questionnaire.data?.indicators ?? [];
  const decimals = period.data?.period.methodology.decimals ?? 2;
  const result = useMemo(() => {
    const map = new Map<string, AnswerInput>(Object.entries(answers).map(([k, v]) => [k, { value: v }]));
    return scoreQuestionnaire(indicators, map);
  }, [indicators, answers]);
  const shares = weightShares(indicators.map((i) => String(i.weight)));
  const total = indicators.reduce((n, i) => n + i.questions.length, 0);
  const answered = Object.values(answers).filter((v) => v !== null && v !== undefined).length;
  const periodPath = `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;
  const name = questionnaire.data?.categoryName ?? code;

  const answer = (questionCode: string, value: AnswerValue | undefined) =>
    setAnswers((before) => {
      const next = { ...before };
      if (value === undefined) delete next[questionCode];
      else next[questionCode] = value;
      return next;
    });

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('periods.title')} />
        <div className="alert alert-info">{t('periods.noAccess')}</div>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={`${periodPath}?tab=questionnaires`}>← {period.data?.period.title ?? t('periods.title')}</Link>
      </p>
      <PageHeader
        title={t('preview.title', { category: name })}
        lead={period.data ? t('preview.lead', { title: period.data.period.title }) : undefined}
      />
      <p className="alert alert-info preview-note">
        <strong>{t('preview.note')}</strong> {t('preview.noteText')}
      </p>
      <ErrorAlert error={questionnaire.error ?? period.error} />
      {(questionnaire.loading || period.loading) && !questionnaire.data && <Loading />}
      {questionnaire.data && (
        <>
          <section className="card preview-summary" aria-labelledby="preview-summary-title">
            <div className="preview-summary-head">
              <h2 id="preview-summary-title">{t('preview.selfScore')}</h2>
              <p className="preview-total" id="preview-total">
                {formatScore(result.self.score, decimals)}
              </p>
            </div>
            <p className="hint">
              {t('preview.answered', { answered: formatNumber(answered), total: formatNumber(total) })}
              {answered > 0 && (
                <>
                  {' · '}
                  <button type="button" className="btn-link" onClick={() => setAnswers({})}>
                    {t('preview.clearAll')}
                  </button>
                </>
              )}
            </p>
            <ul className="preview-indicators">
              {indicators.map((ind, i) => (
                <li key={ind.code}>
                  <a href={`#ind-${ind.code}`}>
                    {ind.code}. {ind.title}
                  </a>
                  <span className="preview-ind-weight">{percent(shares[i] ?? null)}</span>
                  <span className="preview-ind-score">{formatScore(result.self.indicators[i]?.score, decimals)}</span>
                </li>
              ))}
            </ul>
          </section>

          {indicators.map((ind, i) => (
            <section key={ind.code} className="card preview-indicator" aria-labelledby={`ind-${ind.code}`}>
              <div className="preview-indicator-head">
                <h2 id={`ind-${ind.code}`} tabIndex={-1}>
                  {ind.code}. {ind.title}
                </h2>
                <span className="badge">{t('preview.indicatorWeight', { share: percent(shares[i] ?? null) })}</span>
                <span className="badge badge-ok">
                  {t('preview.indicatorScore', { score: formatScore(result.self.indicators[i]?.score, decimals) })}
                </span>
              </div>
              <ol className="pq-list">
                {ind.questions.map((q) => (
                  <PreviewQuestion
                    key={q.code}
                    question={q}
                    value={answers[q.code]}
                    onAnswer={(v) => answer(q.code, v)}
                  />
                ))}
              </ol>
            </section>
          ))}

          <div className="preview-bar" role="status" aria-live="polite">
            <span>{t('preview.barLabel')}</span>
            <strong className="preview-bar-score" id="preview-bar-score">
              {formatScore(result.self.score, decimals)}
            </strong>
            <span className="preview-bar-count">
              {t('preview.answered', { answered: formatNumber(answered), total: formatNumber(total) })}
            </span>
          </div>
        </>
      )}
    </>
  );
}
