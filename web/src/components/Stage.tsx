import { STAGES } from '../../../src/domain/stages.ts';
import type { Stage } from '../api.ts';
import { stageName } from '../drafts.ts';
import { useI18n } from '../i18n/index.tsx';

/** The stage as a badge: draft grey, open stages blue, published green. */
export function StageBadge({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const tone =
    stage === 'draft' ? 'badge-muted' : stage === 'published' ? 'badge-ok' : stage === 'results' ? 'badge-warn' : '';
  return <span className={`badge stage-badge ${tone}`}>{stageName(t, stage)}</span>;
}

/** The cycle draft → saq → … → published with the period's place in it (aria-current="step"). */
export function StageStepper({ stage }: { stage: Stage }) {
  const { t } = useI18n();
  const at = STAGES.indexOf(stage);
  return (
    <ol className="stepper" aria-label={t('period.stepper')}>
      {STAGES.map((s, i) => {
        const state = i < at ? 'done' : i === at ? 'current' : 'todo';
        return (
          <li key={s} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="step-mark" aria-hidden="true">
              {state === 'done' ? '✓' : i + 1}
            </span>
            <span className="step-label">{stageName(t, s)}</span>
            <span className="sr-only">
              {' '}
              (
              {t(state === 'done' ? 'period.stepDone' : state === 'current' ? 'period.stepCurrent' : 'period.stepTodo')}
              )
            </span>
          </li>
        );
      })}
    </ol>
  );
}
