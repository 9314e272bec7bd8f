import { type ReactNode, useMemo, useRef, useState } from 'react';
import type { Indicator } from '../../../src/domain/questionnaire.ts';
import { type AnswerInput, scoreQuestionnaire } from '../../../src/domain/scoring.ts';
import type { AnswerView } from '../api.ts';
import { weightShares } from '../drafts.ts';
import { useI18n } from '../i18n/index.tsx';
import { type AnswerDraft, type Conflict, draftOf } from './autosave.ts';
import { isAnswered } from './format.ts';
import { type QuestionActions, SaqQuestion } from './SaqQuestion.tsx';

export interface SheetState {
  server: ReadonlyMap<string, AnswerView>;
  drafts: ReadonlyMap<string, AnswerDraft>;
  conflicts: ReadonlyMap<string, Conflict>;
  invalid: ReadonlyMap<string, string>;
  inflight: ReadonlySet<string>;
}

export const EMPTY_SHEET: SheetState = {
  server: new Map(),
  drafts: new Map(),
  conflicts: new Map(),
  invalid: new Map(),
  inflight: new Set(),
};

/** The values a page shows (unsaved changes over saved answers) and the live scores they give. */
export function useSheetScores(indicators: Indicator[], sheet: SheetState, decimals: number) {
  const { formatScore } = useI18n();
  return useMemo(() => {
    const shown = new Map<string, AnswerDraft>();
    for (const ind of indicators) {
      for (const q of ind.questions) {
        shown.set(q.code, sheet.drafts.get(q.code) ?? draftOf(sheet.server.get(q.code)));
      }
    }
    const inputs = new Map<string, AnswerInput>(
      [...shown].filter(([, d]) => isAnswered(d.value)).map(([code, d]) => [code, { value: d.value }]),
    );
    const result = scoreQuestionnaire(indicators, inputs);
    const perIndicator = indicators.map((ind, i) => ({
      code: ind.code,
      answered: ind.questions.filter((q) => isAnswered(shown.get(q.code)?.value)).length,
      total: ind.questions.length,
      score: formatScore(result.self.indicators[i]?.score, decimals),
    }));
    const answered = perIndicator.reduce((n, p) => n + p.answered, 0);
    const total = perIndicator.reduce((n, p) => n + p.total, 0);
    return { shown, self: formatScore(result.self.score, decimals), perIndicator, answered, total };
  }, [indicators, sheet.drafts, sheet.server, decimals, formatScore]);
}

/** A bar that shows how far something has come, named for assistive technology. */
export function ProgressBar({ value, total, label }: { value: number; total: number; label: string }) {
  const share = total > 0 ? Math.min(100, (value / total) * 100) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={total}
      aria-valuenow={value}
    >
      <span className="progress-fill" style={{ width: `${share}%` }} />
    </div>
  );
}

/**
 * The questionnaire with answers, grouped by indicator (weight, progress, live score), an indicator jump list, and a
 * bar at the bottom with the self score, the count and `status` (the save status on the operator's page).
 */
export function SaqSheet({
  sid,
  indicators,
  decimals,
  sheet,
  editable,
  highlighted,
  carriedYear,
  actions,
  status,
  barActions,
}: {
  sid: string;
  indicators: Indicator[];
  decimals: number;
  sheet: SheetState;
  editable: boolean;
  highlighted: ReadonlySet<string>;
  carriedYear: number | null;
  actions: QuestionActions | undefined;
  status?: ReactNode;
  barActions?: ReactNode;
}) {
  const { t, formatNumber, formatPercent: percent } = useI18n();
  const live = useSheetScores(indicators, sheet, decimals);
  const shares = weightShares(indicators.map((i) => String(i.weight)));
  // beside the form on a wide screen, the list is open; on a phone it starts folded above the form
  const [wide] = useState(() => window.matchMedia?.('(min-width: 960px)').matches ?? true);
  const jumpList = useRef<HTMLDetailsElement>(null);
  const folded = () => {
    if (jumpList.current && !window.matchMedia?.('(min-width: 960px)').matches) jumpList.current.open = false;
  };

  return (
    <>
      <div className="saq-layout">
        <nav className="saq-aside" aria-labelledby="saq-jump-title">
          <details className="saq-jump" open={wide} ref={jumpList}>
            <summary id="saq-jump-title" className="saq-jump-title">
              {t('saq.indicators')}
            </summary>
            <ol className="saq-jump-list">
              {indicators.map((ind, i) => {
                const p = live.perIndicator[i];
                return (
                  <li key={ind.code}>
                    <a href={`#ind-${ind.code}`} onClick={folded}>
                      <span className="saq-jump-name">
                        {ind.code}. {ind.title}
                      </span>
                      <span className="saq-jump-meta">
                        {t('saq.indicatorProgress', { answered: p?.answered ?? 0, total: p?.total ?? 0 })} ·{' '}
                        {t('saq.indicatorScoreShort', { score: p?.score ?? '' })}
                      </span>
                    </a>
                  </li>
                );
              })}
            </ol>
          </details>
        </nav>
        <div className="saq-main">
          {indicators.map((ind, i) => {
            const p = live.perIndicator[i];
            return (
              <section key={ind.code} className="card saq-indicator" aria-labelledby={`ind-${ind.code}`}>
                <div className="preview-indicator-head">
                  <h2 id={`ind-${ind.code}`} tabIndex={-1}>
                    {ind.code}. {ind.title}
                  </h2>
                  <span className="badge">{t('preview.indicatorWeight', { share: percent(shares[i] ?? null) })}</span>
                  <span className="badge badge-ok" data-indicator-score={ind.code}>
                    {t('preview.indicatorScore', { score: p?.score ?? '' })}
                  </span>
                </div>
                <div className="saq-ind-progress">
                  <ProgressBar
                    value={p?.answered ?? 0}
                    total={p?.total ?? 0}
                    label={t('saq.indicatorProgressLabel', { title: ind.title })}
                  />
                  <span className="hint">
                    {t('saq.indicatorProgress', {
                      answered: formatNumber(p?.answered ?? 0),
                      total: formatNumber(p?.total ?? 0),
                    })}
                  </span>
                </div>
                <ol className="pq-list">
                  {ind.questions.map((q) => (
                    <SaqQuestion
                      key={q.code}
                      question={q}
                      sid={sid}
                      saved={sheet.server.get(q.code)}
                      draft={sheet.drafts.get(q.code)}
                      editable={editable}
                      saving={sheet.inflight.has(q.code)}
                      conflict={sheet.conflicts.get(q.code)}
                      invalid={sheet.invalid.get(q.code)}
                      highlighted={highlighted.has(q.code)}
                      carriedYear={carriedYear}
                      actions={actions}
                    />
                  ))}
                </ol>
              </section>
            );
          })}
        </div>
      </div>
      <div className="saq-bar">
        <div className="saq-bar-score">
          <span className="saq-bar-label">{t('preview.barLabel')}</span>
          <strong id="saq-self-score">{live.self}</strong>
        </div>
        <span className="saq-bar-count" id="saq-answered">
          {t('saq.indicatorProgress', { answered: formatNumber(live.answered), total: formatNumber(live.total) })}
        </span>
        {status}
        {barActions}
      </div>
    </>
  );
}
