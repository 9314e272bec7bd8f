import type { Question } from '../../../src/domain/questionnaire.ts';
import type { AnswerValue } from '../api.ts';
import { useI18n } from '../i18n/index.tsx';

/** What a question asks as evidence: required (amber), optional, none (grey). */
export function EvidenceBadge({ rule }: { rule: Question['evidence'] }) {
  const { t } = useI18n();
  if (rule === 'required') return <span className="badge badge-warn">{t('preview.evidence.required')}</span>;
  if (rule === 'optional') return <span className="badge">{t('preview.evidence.optional')}</span>;
  return <span className="badge badge-muted">{t('preview.evidence.none')}</span>;
}

/**
 * The answer controls of a question, as the body sees them: yes/no radios, graded options as radios, checklist items
 * as checkboxes with their points. `name` groups the radios; disabled controls still show the answer.
 */
export function AnswerControls({
  question: q,
  value,
  name,
  disabled = false,
  onAnswer,
}: {
  question: Question;
  value: AnswerValue | undefined;
  name: string;
  disabled?: boolean;
  onAnswer: (value: AnswerValue) => void;
}) {
  const { t, formatNumber } = useI18n();
  const checked = Array.isArray(value) ? value : [];
  return (
    <div className="pq-controls">
      {q.type === 'boolean' && (
        <>
          <label className="choice">
            <input
              type="radio"
              name={name}
              checked={value === true}
              disabled={disabled}
              onChange={() => onAnswer(true)}
            />
            <span>{t('preview.yes')}</span>
          </label>
          <label className="choice">
            <input
              type="radio"
              name={name}
              checked={value === false}
              disabled={disabled}
              onChange={() => onAnswer(false)}
            />
            <span>{t('preview.no')}</span>
          </label>
        </>
      )}
      {q.type === 'choice' &&
        (q.options ?? []).map((o) => (
          <label className="choice" key={o.code}>
            <input
              type="radio"
              name={name}
              checked={value === o.code}
              disabled={disabled}
              onChange={() => onAnswer(o.code)}
            />
            <span>
              <span className="choice-code">{o.code}.</span> {o.label}{' '}
              <span className="choice-score">{t('preview.score', { score: formatNumber(o.score) })}</span>
            </span>
          </label>
        ))}
      {q.type === 'checklist' &&
        (q.items ?? []).map((it) => (
          <label className="choice" key={it.code}>
            <input
              type="checkbox"
              name={name}
              checked={checked.includes(it.code)}
              disabled={disabled}
              onChange={(e) =>
                onAnswer(
                  e.target.checked
                    ? (q.items ?? []).map((x) => x.code).filter((c) => c === it.code || checked.includes(c))
                    : checked.filter((c) => c !== it.code),
                )
              }
            />
            <span>
              <span className="choice-code">{it.code}.</span> {it.label}{' '}
              <span className="choice-score">{t('preview.points', { points: formatNumber(it.points) })}</span>
            </span>
          </label>
        ))}
    </div>
  );
}
