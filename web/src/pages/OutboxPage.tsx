import { useEffect, useState } from 'react';
import { CopyField } from '../components/CopyField.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { canManage, isPlatformAdmin } from '../permissions.ts';
import {
  MAIL_STATUS_OPTIONS,
  type MailStatus,
  type OutboxMail,
  type OutboxMailBody,
  outboxApi,
} from '../review/outbox-api.ts';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

const STATUS_KEYS: Record<MailStatus, MessageKey> = {
  queued: 'outbox.status.queued',
  sent: 'outbox.status.sent',
  failed: 'outbox.status.failed',
};
const STATUS_BADGES: Record<MailStatus, string> = { queued: 'badge-warn', sent: 'badge-ok', failed: 'badge-bad' };
const KIND_KEYS: Record<string, MessageKey> = {
  invitation: 'outbox.kind.invitation',
  'notice.assigned': 'outbox.kind.notice.assigned',
  'notice.clarification_asked': 'outbox.kind.notice.clarification_asked',
  'notice.clarification_answered': 'outbox.kind.notice.clarification_answered',
  'notice.verification_released': 'outbox.kind.notice.verification_released',
  'notice.objection_decided': 'outbox.kind.notice.objection_decided',
  'notice.reminder': 'outbox.kind.notice.reminder',
  password_reset: 'outbox.kind.password_reset',
  'reminder.saq': 'outbox.kind.reminder.saq',
  'submission.receipt': 'outbox.kind.submission.receipt',
};

/** The first link of a mail (an invitation's, a notice's page), offered for copying when no mail leaves the server. */
const firstLink = (body: string) => body.match(/https?:\/\/\S+/)?.[0];

/** One mail's content, loaded when opened. */
function MailBody({ id }: { id: number }) {
  const { t } = useI18n();
  const mail = useResource<OutboxMailBody>((signal) => outboxApi.mail(id, signal), [id]);
  if (!mail.data) return mail.error ? <ErrorAlert error={mail.error} /> : <Loading />;
  const link = firstLink(mail.data.mail.body);
  return (
    <div className="outbox-body">
      {link && <CopyField id={`outbox-link-${id}`} label={t('outbox.link')} value={link} />}
      <h3 className="outbox-body-title">{t('outbox.body')}</h3>
      <pre className="outbox-text">{mail.data.mail.body}</pre>
    </div>
  );
}

/**
 * The commission's outbox for its admins: `/c/:cid/outbox`, with a status filter and each mail's content; without a
 * commission, `/outbox`, the platform's own mails (a platform admin's password reset) for the platform admins.
 */
export function OutboxPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, formatDate, formatNumber } = useI18n();
  const { user } = useSession();
  const allowed = user ? (cid ? canManage(user, cid) : isPlatformAdmin(user)) : false;
  const list = (query: { status?: MailStatus | undefined; before?: number | undefined }, signal?: AbortSignal) =>
    cid ? outboxApi.list(cid, query, signal) : outboxApi.listPlatform(query, signal);
  const title = cid ? t('outbox.title') : t('outbox.platformTitle');
  const [status, setStatus] = useState<MailStatus | ''>('');
  const [open, setOpen] = useState<number | null>(null);
  const first = useResource(
    (signal) => (allowed ? list({ status: status || undefined }, signal) : Promise.resolve(undefined)),
    [cid, status, allowed],
  );
  // older pages appended below the first, fetched on demand
  const [older, setOlder] = useState<{ mails: OutboxMail[]; nextBefore: number | null } | null>(null);
  const [moreError, setMoreError] = useState<unknown>(undefined);
  const [loadingMore, setLoadingMore] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter or commission starts from the first page
  useEffect(() => {
    setOlder(null);
    setOpen(null);
  }, [cid, status]);

  if (user && !allowed) {
    return (
      <>
        <PageHeader title={title} />
        <div className="alert alert-info">{t('outbox.noAccess')}</div>
      </>
    );
  }

  const mails = [...(first.data?.mails ?? []), ...(older?.mails ?? [])];
  const nextBefore = older ? older.nextBefore : (first.data?.nextBefore ?? null);
  const loadMore = async () => {
    if (nextBefore === null) return;
    setLoadingMore(true);
    try {
      const page = await list({ status: status || undefined, before: nextBefore });
      setOlder({ mails: [...(older?.mails ?? []), ...page.mails], nextBefore: page.nextBefore });
      setMoreError(undefined);
    } catch (error) {
      setMoreError(error);
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <>
      <PageHeader title={title} lead={cid ? t('outbox.lead') : t('outbox.platformLead')} />
      <ErrorAlert error={first.error ?? moreError} />
      <div className="filters filters-compact">
        <div className="field">
          <label htmlFor="outbox-status">{t('outbox.statusFilter')}</label>
          <select id="outbox-status" value={status} onChange={(e) => setStatus(e.target.value as MailStatus | '')}>
            <option value="">{t('outbox.allStatuses')}</option>
            {MAIL_STATUS_OPTIONS.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_KEYS[s])}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="count" aria-live="polite">
        {first.data ? t('outbox.count', { count: formatNumber(mails.length) }) : ''}
      </p>
      <p className="hint">{t('outbox.hint')}</p>
      {first.loading && !first.data && <Loading />}
      {first.data && mails.length === 0 && <p className="empty">{t('outbox.empty')}</p>}
      {mails.length > 0 && (
        <TableWrap label={t('outbox.tableLabel')}>
          <table className="table table-stack outbox-table">
            <thead>
              <tr>
                <th scope="col">{t('outbox.created')}</th>
                <th scope="col">{t('outbox.recipient')}</th>
                <th scope="col">{t('outbox.subject')}</th>
                <th scope="col">{t('outbox.kind')}</th>
                <th scope="col">{t('outbox.status')}</th>
                <th scope="col">{t('outbox.attempts')}</th>
                <th scope="col">{t('outbox.lastError')}</th>
              </tr>
            </thead>
            <tbody>
              {mails.map((m) => {
                const kind = KIND_KEYS[m.kind];
                const shown = open === m.id;
                return [
                  <tr key={m.id}>
                    <td data-label={t('outbox.created')} className="nowrap">
                      {formatDate(m.createdAt, true)}
                    </td>
                    <th scope="row" className="cell-name">
                      {m.recipient}
                    </th>
                    <td data-label={t('outbox.subject')}>
                      <span className="outbox-subject">{m.subject}</span>
                      <button
                        type="button"
                        className="btn btn-link btn-small"
                        aria-expanded={shown}
                        aria-controls={shown ? `outbox-mail-${m.id}` : undefined}
                        aria-label={`${shown ? t('outbox.hide') : t('outbox.show')}: ${m.recipient}`}
                        onClick={() => setOpen(shown ? null : m.id)}
                      >
                        {shown ? t('outbox.hide') : t('outbox.show')}
                      </button>
                    </td>
                    <td data-label={t('outbox.kind')}>{kind ? t(kind) : m.kind}</td>
                    <td data-label={t('outbox.status')}>
                      <span className={`badge ${STATUS_BADGES[m.status]}`}>{t(STATUS_KEYS[m.status])}</span>
                      {m.sentAt && <span className="outbox-when"> {formatDate(m.sentAt, true)}</span>}
                      {m.nextAttemptAt && (
                        <span className="outbox-when">
                          {' '}
                          {t('outbox.nextAttempt', { at: formatDate(m.nextAttemptAt, true) })}
                        </span>
                      )}
                    </td>
                    <td data-label={t('outbox.attempts')} className="num">
                      {formatNumber(m.attempts)}
                    </td>
                    <td data-label={t('outbox.lastError')} className="outbox-error">
                      {m.lastError ?? '—'}
                    </td>
                  </tr>,
                  shown && (
                    <tr key={`${m.id}-body`} id={`outbox-mail-${m.id}`} className="outbox-body-row">
                      <td colSpan={7}>
                        <MailBody id={m.id} />
                      </td>
                    </tr>
                  ),
                ];
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      {nextBefore !== null && (
        <p>
          <button type="button" className="btn btn-secondary" disabled={loadingMore} onClick={loadMore}>
            {t('outbox.more')}
          </button>
        </p>
      )}
    </>
  );
}
