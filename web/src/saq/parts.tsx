import { useEffect, useState } from 'react';
import type { Submission } from '../api.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { timeLeft } from './format.ts';

/** The submission's state as a badge: draft, closed (a draft past its deadline), submitted, locked. */
export function SubmissionStatusBadge({ status, editable }: { status: string; editable?: boolean }) {
  const { t } = useI18n();
  if (status === 'submitted') return <span className="badge badge-ok">{t('saq.status.submitted')}</span>;
  if (status === 'locked') return <span className="badge badge-warn">{t('saq.status.locked')}</span>;
  if (editable === false) return <span className="badge badge-bad">{t('saq.status.closed')}</span>;
  return <span className="badge">{t('saq.status.draft')}</span>;
}

/** A clock that ticks every `ms` while `on` (countdowns, time left). */
export function useNow(ms: number, on = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), ms);
    return () => window.clearInterval(timer);
  }, [ms, on]);
  return now;
}

/**
 * "31 Agustus 2026 23.59 WIB" and how long is left ("30 hari lagi"). A locked SAQ, or a draft closed before its date
 * (the stage moved on), shows no future deadline: beside "Ditutup" it would say the opposite.
 */
export function Deadline({
  submission,
}: {
  submission: Pick<Submission, 'deadline' | 'status'> & { editable?: boolean | undefined };
}) {
  const { t, lang } = useI18n();
  const now = useNow(60_000);
  if (!submission.deadline) return <>{t('saq.noDeadline')}</>;
  const closed = submission.status === 'locked' || (submission.status === 'draft' && submission.editable === false);
  if (closed && Date.parse(submission.deadline) > now) {
    return <span className="deadline-closed">{t('saq.deadlineClosed')}</span>;
  }
  const left = timeLeft(submission.deadline, t, now);
  return (
    <>
      <span className="deadline-date">{formatDeadline(submission.deadline, lang)}</span>{' '}
      {submission.status === 'draft' && (
        <span className={`badge ${left.over ? 'badge-bad' : left.urgent ? 'badge-warn' : 'badge-muted'}`}>
          {left.text}
        </span>
      )}
    </>
  );
}
