import { MOVABLE_STAGES } from '../../../src/domain/stages.ts';
import type { Schedule } from '../api.ts';
import { type ScheduleDraft, stageName } from '../drafts.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field } from './Field.tsx';
import { TableWrap } from './Page.tsx';

/** A date range per stage (type=date inputs); dates are days in Asia/Jakarta, as the commission works in them. */
export function ScheduleFields({
  idPrefix,
  draft,
  onChange,
  errors,
}: {
  idPrefix: string;
  draft: ScheduleDraft;
  onChange: (draft: ScheduleDraft) => void;
  /** Translated problems by path (`schedule.saq`, `schedule.saq.start`). */
  errors: Map<string, string>;
}) {
  const { t } = useI18n();
  const set = (stage: keyof ScheduleDraft, patch: Partial<{ start: string; end: string }>) =>
    onChange({ ...draft, [stage]: { ...draft[stage], ...patch } });
  return (
    <div className="schedule-grid">
      {MOVABLE_STAGES.map((stage) => {
        const rangeError = errors.get(`schedule.${stage}`);
        return (
          <fieldset
            key={stage}
            className={`fieldset schedule-stage ${rangeError ? 'field-invalid' : ''}`}
            aria-describedby={rangeError ? `${idPrefix}-${stage}-error` : undefined}
          >
            <legend>{stageName(t, stage)}</legend>
            <div className="schedule-dates">
              <Field
                id={`${idPrefix}-${stage}-start`}
                label={t('schedule.start')}
                error={errors.get(`schedule.${stage}.start`)}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    {...(rangeError ? { 'aria-invalid': true } : {})}
                    type="date"
                    value={draft[stage].start}
                    onChange={(e) => set(stage, { start: e.target.value })}
                  />
                )}
              </Field>
              <Field
                id={`${idPrefix}-${stage}-end`}
                label={t('schedule.end')}
                error={errors.get(`schedule.${stage}.end`)}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    {...(rangeError ? { 'aria-invalid': true } : {})}
                    type="date"
                    value={draft[stage].end}
                    onChange={(e) => set(stage, { end: e.target.value })}
                  />
                )}
              </Field>
            </div>
            {rangeError && (
              <p className="field-error" id={`${idPrefix}-${stage}-error`}>
                {rangeError}
              </p>
            )}
          </fieldset>
        );
      })}
    </div>
  );
}

/** The schedule read-only: one row per stage, its dates in the reader's language. */
export function ScheduleView({ schedule }: { schedule: Schedule }) {
  const { t, formatDate } = useI18n();
  // a YYYY-MM-DD day is shown as that day: noon UTC is the same calendar day in Asia/Jakarta
  const day = (d: string) => formatDate(`${d}T12:00:00Z`);
  return (
    <TableWrap label={t('schedule.title')}>
      <table className="table table-compact">
        <thead>
          <tr>
            <th scope="col">{t('schedule.stage')}</th>
            <th scope="col">{t('schedule.start')}</th>
            <th scope="col">{t('schedule.end')}</th>
          </tr>
        </thead>
        <tbody>
          {MOVABLE_STAGES.map((stage) => {
            const range = schedule[stage];
            return (
              <tr key={stage}>
                <th scope="row">{stageName(t, stage)}</th>
                <td className="nowrap">{range ? day(range.start) : '—'}</td>
                <td className="nowrap">{range ? day(range.end) : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}
