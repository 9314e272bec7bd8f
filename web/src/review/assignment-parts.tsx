import type { VerificationState } from '../../../src/domain/review.ts';
import { useI18n } from '../i18n/index.tsx';

/** A submission's verification state as a badge (not started, in progress, complete), for the admin and the queue. */
export function VerificationStateBadge({ state }: { state: VerificationState }) {
  const { t } = useI18n();
  const tone = state === 'complete' ? 'badge-ok' : state === 'in_progress' ? 'badge-warn' : 'badge-muted';
  return <span className={`badge ${tone}`}>{t(`assign.state.${state}`)}</span>;
}
