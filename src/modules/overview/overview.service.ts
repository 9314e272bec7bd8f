import type { Actor } from '../../domain/access.ts';
import { deadlineOf } from '../../domain/saq-window.ts';
import { daysLeft, jakartaDate, jakartaDateTime, stageEndOf } from '../../domain/schedule-days.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { csvDocument } from '../../lib/csv-write.ts';
import { auditChange } from '../audit/audit.service.ts';
import { queueMail } from '../outbox/outbox.service.ts';
// the periods' repository, not its service: the overview and the reminders authorize on the commission themselves
import * as periods from '../periods/periods.repository.ts';
// the submissions' list repository, not its service: the reminders need the not-started bodies inside their own
// transaction, after their own authorization
import { notStarted, operatorsOfBodies } from '../submissions/submission-list.repository.ts';
import { type ListQuery, listing } from '../submissions/submission-list.service.ts';
import * as repo from './overview.repository.ts';
import { reminderMail } from './reminder-mail.ts';

type Deps = Pick<AppDeps, 'db' | 'now' | 'publicUrl'>;

/**
 * The admin's home (issue 25, item 5): each running period of the commission (past the draft, not published) with its
 * stage, the scheduled end of that stage and the days left to it (Jakarta days; negative once overrun), and the counts
 * of bodies not started, in progress (drafts, extended ones included), submitted, extended (a draft whose own
 * extension is still running) and locked without a submission. One statement per figure for all periods at once.
 */
export async function commissionOverview(deps: Deps, actor: Actor, commissionId: string) {
  authorize(actor, 'dashboard.read', { commissionId }, 'commission');
  if (!(await repo.commissionName(deps.db, commissionId))) throw new AppError('NOT_FOUND', 'No such commission.');
  const now = nowOf(deps);
  const open = await repo.openPeriods(deps.db, commissionId);
  const ids = open.map((p) => p.id);
  const [counts, waiting] = await Promise.all([
    repo.submissionCounts(deps.db, ids, now),
    repo.notStartedCounts(deps.db, commissionId, ids),
  ]);
  const countOf = new Map(counts.map((c) => [c.periodId, c]));
  const waitingOf = new Map(waiting.map((w) => [w.periodId, w.n]));
  return {
    periods: open.map((p) => {
      const end = stageEndOf(p.schedule, p.stage);
      const c = countOf.get(p.id);
      return {
        id: p.id,
        year: p.year,
        title: p.title,
        stage: p.stage,
        stageEnd: end,
        daysLeft: end ? daysLeft(end, now) : null,
        counts: {
          notStarted: waitingOf.get(p.id) ?? 0,
          inProgress: c?.inProgress ?? 0,
          submitted: c?.submitted ?? 0,
          extended: c?.extended ?? 0,
          locked: c?.locked ?? 0,
        },
      };
    }),
  };
}

/** The status words of the export, in Indonesian (the file's readers are the commission's staff). */
const STATUS_LABELS: Record<string, string> = {
  draft: 'Sedang diisi',
  submitted: 'Terkirim',
  locked: 'Terkunci (tidak dikirim)',
  not_started: 'Belum membuka',
};

const CSV_HEADER = [
  'Badan publik',
  'Kategori',
  'Status',
  'Terjawab',
  'Jumlah pertanyaan',
  'Batas waktu (WIB)',
  'Terakhir disimpan (WIB)',
  'Dikirim (WIB)',
  'Email PPID',
  'Operator',
  'Dibuka kembali / diperpanjang',
];

/**
 * The submissions list as CSV (`;`-separated, UTF-8 with a BOM, Indonesian headers, formula-like cells neutralised:
 * lib/csv-write.ts), with the list's filters and order, every row (no page); then, unless a submission status is
 * chosen, the bodies that have not opened the SAQ. Times in Jakarta.
 */
export async function submissionsCsv(deps: Deps, actor: Actor, periodId: string, query: ListQuery) {
  const { period, list } = await listing(deps, actor, periodId, { ...query, limit: undefined, offset: undefined });
  const at = (value: string | null) => (value ? jakartaDateTime(new Date(value)) : '');
  const operators = await operatorsOfBodies(
    deps.db,
    list.submissions.map((s) => s.bodyId),
  );
  const contacts = (list: readonly { name: string; email: string }[] | undefined) =>
    (list ?? []).map((o) => `${o.name} <${o.email}>`).join(', ');
  const rows = list.submissions.map((s) => [
    s.bodyName,
    s.categoryCode,
    STATUS_LABELS[s.status] ?? s.status,
    String(s.answered),
    String(s.questions),
    at(s.deadline),
    at(s.updatedAt),
    at(s.submittedAt),
    s.ppidEmail ?? '',
    contacts(operators.get(s.bodyId)),
    s.reopening
      ? `${s.reopening.event === 'extended' ? 'Diperpanjang' : 'Dibuka kembali'}: ${s.reopening.reason}${
          s.reopening.until ? `, sampai ${at(s.reopening.until)}` : ''
        }`
      : '',
  ]);
  if (!query.status || query.status === 'not_started') {
    for (const b of list.notStarted) {
      rows.push([
        b.bodyName,
        b.categoryCode,
        STATUS_LABELS.not_started as string,
        '0',
        '',
        '',
        '',
        '',
        b.ppidEmail ?? '',
        contacts(b.operators),
        '',
      ]);
    }
  }
  const fileName = `pengisian-saq-${period.year}${query.category ? `-${query.category}` : ''}.csv`
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '_');
  return { csv: csvDocument(CSV_HEADER, rows), fileName };
}

/**
 * Queues the SAQ reminder (Indonesian, then English) to the bodies of the period that have not opened the SAQ: all of
 * them, or the chosen ones (`bodyIds`; a body that has started since, or is not of this period, is skipped). Each
 * body is mailed at its PPID address and its operators' e-mails, once a day at most: the outbox's dedupe key is the
 * body, the day in Jakarta and the address, so a double click sends one. Only during the SAQ stage (commission
 * admins), in one transaction with its audit row. `queued`: bodies mailed now; `skipped`: bodies chosen but not
 * mailed (already reminded today, no address, or not waiting).
 */
export async function sendReminders(deps: Deps, actor: Actor, periodId: string, bodyIds?: readonly string[]) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'submission.manage', { commissionId: period.commissionId }, 'period');
  if (period.stage !== 'saq') {
    throw new AppError('STAGE_CLOSED', 'Reminders are sent only while the SAQ is open.', { stage: period.stage });
  }
  const now = nowOf(deps);
  const day = jakartaDate(now);
  const chosen = bodyIds ? [...new Set(bodyIds)] : undefined;
  return deps.db.transaction().execute(async (trx) => {
    const commissionName = (await repo.commissionName(trx, period.commissionId)) ?? '';
    const waiting = await notStarted(trx, periodId, period.commissionId, { bodyIds: chosen });
    const deadline = deadlineOf(period.schedule, null);
    const mailed: string[] = [];
    for (const body of waiting) {
      const addresses = [
        ...new Set(
          [body.ppidEmail, ...body.operators.map((o) => o.email)]
            .filter((a) => !!a)
            .map((a) => (a as string).toLowerCase()),
        ),
      ];
      const mail = reminderMail({
        publicUrl: deps.publicUrl,
        commissionName,
        periodTitle: period.title,
        periodId,
        bodyName: body.bodyName,
        deadline,
      });
      let sent = false;
      // one after the other: `trx` is one connection
      for (const recipient of addresses) {
        const queued = await queueMail(trx, {
          kind: 'reminder.saq',
          recipient,
          ...mail,
          payload: { commissionId: period.commissionId, periodId, bodyId: body.bodyId },
          dedupeKey: `reminder.saq:${periodId}:${body.bodyId}:${day}:${recipient}`,
        });
        sent ||= queued;
      }
      if (sent) mailed.push(body.bodyId);
    }
    const considered = chosen ? chosen.length : waiting.length;
    const result = { queued: mailed.length, skipped: considered - mailed.length };
    await auditChange(
      trx,
      actor,
      { commissionId: period.commissionId, type: 'period', id: periodId },
      'saq.reminders_sent',
      {
        after: { ...result, bodyIds: mailed, chosen: chosen !== undefined },
      },
    );
    return result;
  });
}
