import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, type MovableStage, type Period, type StageMoveFigures, type StagePreview } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, TableWrap } from '../components/Page.tsx';
import { stageName } from '../drafts.ts';
import { useResource } from '../hooks.ts';
import { type Translate, useI18n } from '../i18n/index.tsx';

const DAY = 86400_000;
const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);

/** The figures of a move in one line: bodies by progress, and what made it need a reason. */
export function figuresText(t: Translate, f: StageMoveFigures): string {
  const parts = [
    t('stageMove.figuresLine', { notStarted: f.notStarted, inProgress: f.inProgress, submitted: f.submitted }),
  ];
  if (f.early && f.scheduledDate) parts.push(t('stageMove.figuresEarly', { date: f.scheduledDate }));
  if (f.extensionsEnded > 0) parts.push(t('stageMove.figuresExtensions', { count: f.extensionsEnded }));
  return parts.join(' · ');
}

function ScheduleNote({ preview }: { preview: StagePreview }) {
  const { t } = useI18n();
  if (!preview.scheduledDate) return <p className="hint">{t('stageMove.noSchedule')}</p>;
  if (!preview.early) return <p className="hint">{t('stageMove.onSchedule', { date: preview.scheduledDate })}</p>;
  return (
    <p className="alert alert-warning">
      {t('stageMove.early', {
        days: daysBetween(preview.today, preview.scheduledDate),
        date: preview.scheduledDate,
      })}
    </p>
  );
}

function Counts({ preview }: { preview: StagePreview }) {
  const { t } = useI18n();
  const rows = preview.categories.filter((c) => c.bodies > 0);
  if (rows.length === 0) return <p className="empty">{t('stageMove.noBodies')}</p>;
  const cells = (r: StagePreview['totals']) => (
    <>
      <td className="num">{r.bodies}</td>
      <td className="num">{r.notStarted}</td>
      <td className="num">{r.inProgress}</td>
      <td className="num">{r.submitted}</td>
      <td className="num">{r.locked}</td>
    </>
  );
  return (
    <TableWrap label={t('stageMove.countsTitle')}>
      <table className="table table-compact">
        <caption className="sr-only">{t('stageMove.countsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('stageMove.category')}</th>
            <th scope="col">{t('stageMove.bodies')}</th>
            <th scope="col">{t('stageMove.notStarted')}</th>
            <th scope="col">{t('stageMove.inProgress')}</th>
            <th scope="col">{t('stageMove.submitted')}</th>
            <th scope="col">{t('stageMove.locked')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.categoryCode}>
              <th scope="row">{c.categoryName}</th>
              {cells(c)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('stageMove.total')}</th>
            {cells(preview.totals)}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

function Extensions({ preview }: { preview: StagePreview }) {
  const { t, formatDate } = useI18n();
  if (preview.extensions.length === 0) return null;
  const ending = preview.extensions.some((e) => e.ends);
  return (
    <div className={ending ? 'alert alert-warning' : 'section'}>
      <p className="alert-title">
        {t(ending ? 'stageMove.extensionsEnd' : 'stageMove.extensionsContinue', { count: preview.extensions.length })}
      </p>
      <ul className="alert-list">
        {preview.extensions.map((e) => (
          <li key={e.submissionId}>
            <strong>{e.bodyName}</strong> ({e.categoryCode}) ·{' '}
            {t('stageMove.until', { date: formatDate(e.until, true) })}
            {e.reason && <> · {t('stageMove.extensionReason', { reason: e.reason })}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What else the move does, in the domain's words, and what refuses it now. */
function Effects({ preview }: { preview: StagePreview }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{t('stageMove.effectsTitle')}</h3>
      <ul>
        {preview.effects.map((e) => (
          <li key={e}>{t(`stageMove.effect.${e}`, { count: preview.draftsLocked })}</li>
        ))}
      </ul>
      {preview.missingQuestionnaires.length > 0 && (
        <div className="alert alert-error" role="alert">
          {t('stageMove.missingQuestionnaires', { categories: preview.missingQuestionnaires.join(', ') })}
        </div>
      )}
      {preview.pendingObjections > 0 && (
        <div className="alert alert-error" role="alert">
          {t('stageMove.pendingObjections', { count: preview.pendingObjections })}
        </div>
      )}
    </>
  );
}

/**
 * The stage move's confirmation: it loads the move's preview (counts, extensions, the schedule's date, effects), asks
 * for the reason and the typed year when the move is early or ends extensions, then moves.
 */
export function StageMoveDialog({
  period,
  next,
  open,
  onClose,
  onMoved,
}: {
  period: Period;
  next: MovableStage;
  open: boolean;
  onClose: () => void;
  onMoved: (moved: Period) => void;
}) {
  const { t } = useI18n();
  const preview = useResource(
    () => (open ? api.stagePreview(period.id, next) : Promise.resolve(undefined)),
    [open, period.id, period.stage, next],
  );
  const [reason, setReason] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) {
      setReason('');
      setConfirm('');
      setError(null);
    }
  }, [open]);
  const p = preview.data;
  const blocked = p ? p.missingQuestionnaires.length > 0 || p.pendingObjections > 0 : true;
  const fieldError = (path: string) =>
    error instanceof ApiError ? error.problem.errors?.find((e) => e.path === path)?.message : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { period: moved } = await api.moveStage(
        period.id,
        next,
        reason.trim() || undefined,
        confirm.trim() || undefined,
      );
      onMoved(moved);
    } catch (e) {
      setError(e);
      preview.reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog open={open} title={t('period.confirmTitle')} onClose={onClose} wide>
      <form onSubmit={submit} noValidate className="stage-move">
        <p>{t('period.confirmText', { from: stageName(t, period.stage), to: stageName(t, next) })}</p>
        <ErrorAlert error={preview.error} />
        {preview.loading && !p && <Loading />}
        {p && (
          <>
            <ScheduleNote preview={p} />
            <h3>{t('stageMove.countsTitle')}</h3>
            <Counts preview={p} />
            <Extensions preview={p} />
            <Effects preview={p} />
          </>
        )}
        <ErrorAlert error={error} inlinePaths={['reason', 'confirm']} />
        <Field
          id="stage-reason"
          label={t('period.reason')}
          optional={p?.needsReason ? undefined : t('common.optional')}
          hint={p?.needsReason ? t('stageMove.reasonNeeded') : undefined}
          error={fieldError('reason')}
        >
          {(a11y) => (
            <textarea
              {...a11y}
              rows={3}
              value={reason}
              maxLength={1000}
              required={p?.needsReason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        {p?.needsConfirmation && (
          <Field
            id="stage-confirm"
            label={t('stageMove.confirmLabel', { word: p.confirmWord })}
            hint={t('stageMove.confirmHint')}
            error={fieldError('confirm')}
          >
            {(a11y) => (
              <input
                {...a11y}
                value={confirm}
                autoComplete="off"
                inputMode="numeric"
                required
                onChange={(e) => setConfirm(e.target.value)}
              />
            )}
          </Field>
        )}
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={
              busy ||
              blocked ||
              (p?.needsReason === true && !reason.trim()) ||
              (p?.needsConfirmation === true && confirm.trim() !== p.confirmWord)
            }
          >
            {busy ? t('common.saving') : t('period.confirmMove', { stage: stageName(t, next) })}
          </button>
        </div>
      </form>
    </ConfirmDialog>
  );
}
