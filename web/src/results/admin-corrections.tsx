import { type FormEvent, useMemo, useState } from 'react';
import type { Question } from '../../../src/domain/questionnaire.ts';
import { type AnswerValue, api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, TableWrap } from '../components/Page.tsx';
import { AnswerControls } from '../components/QuestionParts.tsx';
import { useResource } from '../hooks.ts';
import { parseDecimal } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { useStatus } from '../status.tsx';
import { useFormatValue, useWhat } from './admin-parts.tsx';
import { type Correction, type CorrectionInput, type ResultsView, resultsApi } from './results-api.ts';

/** The period's corrections: who changed what, from what to what, why, and the version that carries it (or pending). */
export function CorrectionsList({
  corrections,
  components,
}: {
  corrections: Correction[];
  components: ResultsView['components'] | undefined;
}) {
  const { t, formatDate } = useI18n();
  const formatValue = useFormatValue();
  const what = useWhat(components);
  if (corrections.length === 0) return <p className="empty">{t('results.corrections.none')}</p>;
  return (
    <TableWrap label={t('results.corrections.title')}>
      <table className="table table-compact table-stack results-corrections">
        <caption className="sr-only">{t('results.corrections.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('results.body')}</th>
            <th scope="col">{t('results.corrections.what')}</th>
            <th scope="col">{t('results.corrections.change')}</th>
            <th scope="col">{t('results.corrections.reason')}</th>
            <th scope="col">{t('results.corrections.by')}</th>
            <th scope="col">{t('results.corrections.when')}</th>
            <th scope="col">{t('results.corrections.state')}</th>
          </tr>
        </thead>
        <tbody>
          {corrections.map((c) => (
            <tr key={c.id}>
              <th scope="row" className="cell-name">
                {c.bodyName}
              </th>
              <td data-label={t('results.corrections.what')}>{what(c)}</td>
              <td data-label={t('results.corrections.change')}>
                {formatValue(c.before)} → <strong>{formatValue(c.after)}</strong>
              </td>
              <td data-label={t('results.corrections.reason')}>{c.reason}</td>
              <td data-label={t('results.corrections.by')}>{c.actor ?? '—'}</td>
              <td data-label={t('results.corrections.when')} className="nowrap">
                {formatDate(c.at, true)}
              </td>
              <td data-label={t('results.corrections.state')}>
                {c.publishedIn === null ? (
                  <span className="badge badge-warn">{t('results.corrections.pending')}</span>
                ) : (
                  <span className="badge badge-ok">
                    {t('results.corrections.inVersion', { version: c.publishedIn })}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Kind = 'question' | 'component';

/** The value an evaluator verified for a question, else the body's own answer; undefined when neither exists. */
function currentValue(
  submission: Awaited<ReturnType<typeof api.submission>>['submission'] | undefined,
  code: string,
): AnswerValue | undefined {
  if (!submission) return undefined;
  const verified = submission.verification?.find((v) => v.questionCode === code);
  if (verified) return verified.value;
  return submission.answers.find((a) => a.questionCode === code)?.value;
}

/**
 * Filing a correction: a body (one that has a submission), then a question of its category's questionnaire with a
 * value fit for its type (or "unanswered"), or a panel component's new score (0-100); a reason always.
 */
export function CorrectionForm({
  pid,
  results,
  submissions,
  onFiled,
}: {
  pid: string;
  results: ResultsView;
  /** The submissions of the period's bodies (body id -> submission id). */
  submissions: Map<string, string>;
  onFiled: (correction: Correction) => void;
}) {
  const { t, formatScore } = useI18n();
  const { announce } = useStatus();
  const formatValue = useFormatValue();
  const bodies = useMemo(
    () => results.rows.filter((r) => submissions.has(r.bodyId)).sort((a, b) => a.bodyName.localeCompare(b.bodyName)),
    [results.rows, submissions],
  );
  const panelComponents = results.components.filter((c) => c.source === 'panel');
  const [bodyId, setBodyId] = useState('');
  const [kind, setKind] = useState<Kind>('question');
  const [questionCode, setQuestionCode] = useState('');
  const [value, setValue] = useState<AnswerValue | undefined>(undefined);
  const [unanswered, setUnanswered] = useState(false);
  const [component, setComponent] = useState(panelComponents[0]?.key ?? '');
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const row = bodies.find((b) => b.bodyId === bodyId);
  const sid = row ? submissions.get(row.bodyId) : undefined;
  const questionnaire = useResource(
    () => (row ? api.questionnaire(pid, row.categoryCode) : Promise.resolve(undefined)),
    [pid, row?.categoryCode],
  );
  const submission = useResource(
    (signal) => (sid ? api.submission(sid, signal).then((s) => s.submission) : Promise.resolve(undefined)),
    [sid],
  );
  const questions: Question[] = (questionnaire.data?.indicators ?? []).flatMap((i) => i.questions);
  const question = questions.find((q) => q.code === questionCode);
  const current = question ? currentValue(submission.data, question.code) : undefined;
  const currentScore = row && component ? row.components[component] : undefined;

  const scoreNumber = parseDecimal(score);
  const errors = {
    body: attempted && !row ? t('results.correct.bodyRequired') : undefined,
    question: attempted && kind === 'question' && !question ? t('results.correct.questionRequired') : undefined,
    value:
      attempted && kind === 'question' && question && !unanswered && value === undefined
        ? t('results.correct.valueRequired')
        : undefined,
    component: attempted && kind === 'component' && !component ? t('results.correct.componentRequired') : undefined,
    score:
      attempted && kind === 'component' && !(scoreNumber >= 0 && scoreNumber <= 100)
        ? t('results.correct.scoreRange')
        : undefined,
    reason: attempted && reason.trim() === '' ? t('results.correct.reasonRequired') : undefined,
  };

  const chooseBody = (id: string) => {
    setBodyId(id);
    setQuestionCode('');
    setValue(undefined);
    setUnanswered(false);
    setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    setError(null);
    const firstInvalid = [
      !row && 'correct-body',
      kind === 'question' && !question && 'correct-question',
      kind === 'question' && question && !unanswered && value === undefined && 'correct-value',
      kind === 'component' && !component && 'correct-component',
      kind === 'component' && !(scoreNumber >= 0 && scoreNumber <= 100) && 'correct-score',
      reason.trim() === '' && 'correct-reason',
    ].find(Boolean);
    if (firstInvalid || !sid) {
      document.getElementById(firstInvalid || 'correct-body')?.focus();
      return;
    }
    const input: CorrectionInput =
      kind === 'question'
        ? { questionCode, value: unanswered ? null : (value ?? null), reason: reason.trim() }
        : { component, score: scoreNumber, reason: reason.trim() };
    setBusy(true);
    try {
      const { correction } = await resultsApi.correct(sid, input);
      announce(t('results.correct.done', { body: correction.bodyName }));
      setAttempted(false);
      setQuestionCode('');
      setValue(undefined);
      setUnanswered(false);
      setScore('');
      setReason('');
      submission.reload();
      onFiled(correction);
    } catch (e) {
      setError(e);
      document.getElementById('correct-feedback')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card results-correct" onSubmit={submit} noValidate aria-labelledby="results-correct-heading">
      <h3 id="results-correct-heading">{t('results.correct.title')}</h3>
      <p className="hint">{t('results.correct.lead')}</p>
      <div id="correct-feedback" tabIndex={-1}>
        <ErrorAlert error={error} />
      </div>
      {bodies.length === 0 && <p className="empty">{t('results.correct.noBodies')}</p>}
      <div className="form-grid">
        <Field id="correct-body" label={t('results.correct.body')} error={errors.body}>
          {(a11y) => (
            <select {...a11y} value={bodyId} onChange={(e) => chooseBody(e.target.value)}>
              <option value="">{t('results.correct.chooseBody')}</option>
              {bodies.map((b) => (
                <option key={b.bodyId} value={b.bodyId}>
                  {b.bodyName}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="fieldset results-correct-kind">
        <legend>{t('results.correct.kind')}</legend>
        <label className="choice">
          <input type="radio" name="correct-kind" checked={kind === 'question'} onChange={() => setKind('question')} />
          <span>{t('results.correct.kindQuestion')}</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="correct-kind"
            checked={kind === 'component'}
            disabled={panelComponents.length === 0}
            onChange={() => setKind('component')}
          />
          <span>{t('results.correct.kindComponent')}</span>
        </label>
      </fieldset>

      {kind === 'question' && row && (
        <>
          <ErrorAlert error={questionnaire.error ?? submission.error} />
          {questionnaire.loading && !questionnaire.data && <Loading />}
          {questions.length > 0 && (
            <Field id="correct-question" label={t('results.correct.question')} error={errors.question}>
              {(a11y) => (
                <select
                  {...a11y}
                  value={questionCode}
                  onChange={(e) => {
                    setQuestionCode(e.target.value);
                    setValue(undefined);
                    setUnanswered(false);
                  }}
                >
                  <option value="">{t('results.correct.chooseQuestion')}</option>
                  {questions.map((q) => (
                    <option key={q.code} value={q.code}>
                      {q.code}. {q.text}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {question && (
            <fieldset
              id="correct-value"
              tabIndex={-1}
              className={`fieldset results-correct-value ${errors.value ? 'field-invalid' : ''}`}
              aria-describedby={errors.value ? 'correct-value-error' : 'correct-value-current'}
            >
              <legend>{t('results.correct.value', { code: question.code })}</legend>
              <p className="hint" id="correct-value-current">
                {t('results.correct.current', { value: current === undefined ? '—' : formatValue(current) })}
              </p>
              <AnswerControls
                question={question}
                value={unanswered ? undefined : value}
                name="correct-value-input"
                disabled={unanswered}
                onAnswer={setValue}
              />
              <div className="check-field">
                <input
                  id="correct-unanswered"
                  type="checkbox"
                  checked={unanswered}
                  onChange={(e) => setUnanswered(e.target.checked)}
                />
                <label htmlFor="correct-unanswered">{t('results.correct.unanswered')}</label>
              </div>
              {errors.value && (
                <p className="field-error" id="correct-value-error">
                  {errors.value}
                </p>
              )}
            </fieldset>
          )}
        </>
      )}

      {kind === 'component' && (
        <div className="form-grid">
          <Field id="correct-component" label={t('results.correct.component')} error={errors.component}>
            {(a11y) => (
              <select {...a11y} value={component} onChange={(e) => setComponent(e.target.value)}>
                {panelComponents.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="correct-score"
            label={t('results.correct.score')}
            error={errors.score}
            hint={
              row
                ? t('results.correct.currentScore', {
                    score:
                      currentScore === null || currentScore === undefined
                        ? '—'
                        : formatScore(currentScore, results.decimals),
                  })
                : t('results.correct.scoreHint')
            }
          >
            {(a11y) => (
              <input
                {...a11y}
                inputMode="decimal"
                autoComplete="off"
                value={score}
                onChange={(e) => setScore(e.target.value)}
              />
            )}
          </Field>
        </div>
      )}

      <Field id="correct-reason" label={t('results.correct.reason')} error={errors.reason}>
        {(a11y) => (
          <textarea {...a11y} rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="btn btn-primary" disabled={busy || bodies.length === 0}>
          {busy ? t('common.saving') : t('results.correct.submit')}
        </button>
      </div>
    </form>
  );
}
