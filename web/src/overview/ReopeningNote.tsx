import type { SubmissionRow } from '../api.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';

/** "Dibuka kembali: <reason>, sampai <date>" under a body reopened or extended by the admin. */
export function ReopeningNote({
  reopening,
  className = 'reopening-note',
}: {
  reopening: SubmissionRow['reopening'];
  className?: string;
}) {
  const { t, lang } = useI18n();
  if (!reopening) return null;
  const date = reopening.until ? formatDeadline(reopening.until, lang) : '—';
  return (
    <p className={className}>
      {t(reopening.event === 'extended' ? 'saq.list.extended' : 'saq.list.reopened', {
        reason: reopening.reason,
        date,
      })}
    </p>
  );
}
