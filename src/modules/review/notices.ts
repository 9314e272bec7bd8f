import type { Db } from '../../db/database.ts';
import { REMINDER_DAYS } from '../../domain/review.ts';
import type { AppDeps } from '../../http/context.ts';
import { queueMail } from '../outbox/outbox.service.ts';
import * as repo from './notices.repository.ts';

/**
 * The review's notices (issue 22, item 8), each queued through the outbox in the transaction of its cause: a notice
 * goes out only if its cause is committed. Owned by the notifications work; the other review services only call these.
 * Bodies are reached at their operators' e-mails and the body's PPID e-mail; evaluators at their account's e-mail.
 * Every notice is written in Indonesian first, then in English, and links to the page where the work is done. A notice
 * of one cause to one address carries a dedupe key, so a cause replayed (a retried transaction, a stage hook run twice)
 * never mails twice.
 */

export type NoticeDeps = Pick<AppDeps, 'publicUrl'>;

/** Jakarta is UTC+7 all year (no daylight saving): the commission's day and clock. */
const JAKARTA_MS = 7 * 3600_000;

/** The day (YYYY-MM-DD) in Asia/Jakarta of an instant. */
export function jakartaDay(at: Date): string {
  return new Date(at.getTime() + JAKARTA_MS).toISOString().slice(0, 10);
}

/** An instant as people in Jakarta read it: `2026-12-05 17:00 WIB`. */
function jakartaTime(at: Date): string {
  return `${new Date(at.getTime() + JAKARTA_MS).toISOString().slice(0, 16).replace('T', ' ')} WIB`;
}

/** The two halves of a bilingual mail, Indonesian first; the link is in both. */
function bilingual(id: string[], en: string[]): string {
  return [...id, '', '—', '', ...en, '', '—', 'Informatif (pesan otomatis / automatic message)'].join('\n');
}

/** Queues one mail per address; returns how many were queued (an address already told of this cause is skipped). */
async function mailEach(
  db: Db,
  addresses: readonly string[],
  mail: { kind: string; subject: string; body: string; payload: { commissionId: string } & Record<string, unknown> },
  dedupe: (address: string) => string,
): Promise<number> {
  let queued = 0;
  for (const recipient of addresses) {
    if (await queueMail(db, { ...mail, recipient, dedupeKey: dedupe(recipient.toLowerCase()) })) queued++;
  }
  return queued;
}

/** Submissions newly assigned to one evaluator (one notice for the batch). */
export async function noticeAssigned(
  db: Db,
  deps: NoticeDeps,
  input: { commissionId: string; periodId: string; evaluatorId: string; submissionIds: string[] },
): Promise<void> {
  if (input.submissionIds.length === 0) return;
  // one after the other: `db` is the cause's transaction, one connection
  const evaluator = await repo.userAddress(db, input.evaluatorId);
  const submissions = await repo.submissionsForNotice(db, input.submissionIds);
  const first = submissions[0];
  if (!evaluator || !first) return;
  const lines = submissions.map((s) => `- ${s.bodyName}: ${deps.publicUrl}/verification/${s.id}`);
  const n = submissions.length;
  await queueMail(db, {
    kind: 'notice.assigned',
    recipient: evaluator.email,
    subject: `Tugas verifikasi baru: ${n} badan publik — ${first.periodTitle}`,
    body: bilingual(
      [
        `Yth. ${evaluator.name},`,
        '',
        `Anda ditugaskan memverifikasi ${n} isian SAQ pada ${first.periodTitle} (${first.commissionName}):`,
        ...lines,
        '',
        `Daftar tugas Anda: ${deps.publicUrl}/evaluations`,
      ],
      [
        `Dear ${evaluator.name},`,
        '',
        `You have been assigned ${n} self-assessment(s) to verify in ${first.periodTitle} (${first.commissionName}); the links are above.`,
        `Your queue: ${deps.publicUrl}/evaluations`,
      ],
    ),
    payload: {
      commissionId: input.commissionId,
      periodId: input.periodId,
      evaluatorId: input.evaluatorId,
      submissionIds: input.submissionIds,
    },
  });
}

/** An evaluator asked the body about one item. */
export async function noticeClarificationAsked(
  db: Db,
  deps: NoticeDeps,
  input: { clarificationId: string },
): Promise<void> {
  const k = await repo.clarificationForNotice(db, input.clarificationId);
  if (!k) return;
  const addresses = (await repo.bodyAddresses(db, [k.bodyId])).get(k.bodyId) ?? [];
  const due = jakartaTime(k.dueAt);
  const link = `${deps.publicUrl}/clarifications`;
  await mailEach(
    db,
    addresses,
    {
      kind: 'notice.clarification_asked',
      subject: `Permintaan klarifikasi butir ${k.questionCode} — ${k.periodTitle}`,
      body: bilingual(
        [
          `Kepada PPID ${k.bodyName},`,
          '',
          `Penilai ${k.commissionName} meminta klarifikasi atas butir ${k.questionCode} (${k.periodTitle}):`,
          '',
          `"${k.message}"`,
          '',
          `Mohon dijawab, dengan bukti bila perlu, paling lambat ${due}: ${link}`,
        ],
        [
          `To the PPID of ${k.bodyName},`,
          '',
          `An evaluator of ${k.commissionName} asks about item ${k.questionCode} (${k.periodTitle}); the question is above.`,
          `Please answer, with evidence if needed, by ${due}: ${link}`,
        ],
      ),
      payload: {
        commissionId: k.commissionId,
        periodId: k.periodId,
        submissionId: k.submissionId,
        clarificationId: k.id,
      },
    },
    (address) => `clarification.asked:${k.id}:${address}`,
  );
}

/** The body answered a clarification: its asker is told. */
export async function noticeClarificationAnswered(
  db: Db,
  deps: NoticeDeps,
  input: { clarificationId: string },
): Promise<void> {
  const k = await repo.clarificationForNotice(db, input.clarificationId);
  if (!k?.askedBy) return;
  const asker = await repo.userAddress(db, k.askedBy);
  if (!asker) return;
  const link = `${deps.publicUrl}/verification/${k.submissionId}`;
  await mailEach(
    db,
    [asker.email],
    {
      kind: 'notice.clarification_answered',
      subject: `Klarifikasi dijawab: ${k.bodyName}, butir ${k.questionCode}`,
      body: bilingual(
        [
          `Yth. ${asker.name},`,
          '',
          `${k.bodyName} telah menjawab klarifikasi butir ${k.questionCode} (${k.periodTitle}):`,
          '',
          `"${k.lastMessage ?? ''}"`,
          '',
          `Lanjutkan verifikasi: ${link}`,
        ],
        [
          `Dear ${asker.name},`,
          '',
          `${k.bodyName} answered your clarification on item ${k.questionCode} (${k.periodTitle}); the answer is above.`,
          `Continue the verification: ${link}`,
        ],
      ),
      payload: {
        commissionId: k.commissionId,
        periodId: k.periodId,
        submissionId: k.submissionId,
        clarificationId: k.id,
      },
    },
    // one notice per reply: the key names the reply told of
    (address) => `clarification.answered:${k.id}:${k.lastMessageId ?? 0}:${address}`,
  );
}

/** The period entered the objection stage: every body with a submission sees its verification. */
export async function noticeVerificationReleased(db: Db, deps: NoticeDeps, input: { periodId: string }): Promise<void> {
  const period = await repo.periodForNotice(db, input.periodId);
  if (!period) return;
  // only bodies that submitted have a verification to see; a body that never submitted is not scored item by item
  const submissions = await repo.submittedOfPeriod(db, input.periodId);
  const addresses = await repo.bodyAddresses(
    db,
    submissions.map((s) => s.bodyId),
  );
  for (const s of submissions) {
    const link = `${deps.publicUrl}/submissions/${s.id}/review`;
    await mailEach(
      db,
      addresses.get(s.bodyId) ?? [],
      {
        kind: 'notice.verification_released',
        subject: `Hasil verifikasi tersedia — ${period.title}`,
        body: bilingual(
          [
            `Kepada PPID ${s.bodyName},`,
            '',
            `Hasil verifikasi ${period.title} (${period.commissionName}) kini dapat dilihat: nilai terverifikasi Anda dan, per butir, di mana dan mengapa nilai berubah.`,
            `Selama tahap sanggah Anda dapat mengajukan keberatan per butir, dengan alasan dan bukti: ${link}`,
          ],
          [
            `To the PPID of ${s.bodyName},`,
            '',
            `The verification of ${period.title} (${period.commissionName}) is released: your verified score and, item by item, where and why it changed.`,
            `During the objection stage you may object per item, with a reason and evidence: ${link}`,
          ],
        ),
        payload: { commissionId: period.commissionId, periodId: period.id, submissionId: s.id },
      },
      (address) => `verification.released:${s.id}:${address}`,
    );
  }
}

/** An objection was accepted or rejected: the body is told. */
export async function noticeObjectionDecided(db: Db, deps: NoticeDeps, input: { objectionId: string }): Promise<void> {
  const o = await repo.objectionForNotice(db, input.objectionId);
  if (!o || o.status === 'pending') return;
  const accepted = o.status === 'accepted';
  const addresses = (await repo.bodyAddresses(db, [o.bodyId])).get(o.bodyId) ?? [];
  const link = `${deps.publicUrl}/submissions/${o.submissionId}/review`;
  const reason = o.decisionReason ? `"${o.decisionReason}"` : '';
  await mailEach(
    db,
    addresses,
    {
      kind: 'notice.objection_decided',
      subject: `Sanggah butir ${o.questionCode} ${accepted ? 'diterima' : 'ditolak'} — ${o.periodTitle}`,
      body: bilingual(
        [
          `Kepada PPID ${o.bodyName},`,
          '',
          `Sanggah Anda atas butir ${o.questionCode} (${o.periodTitle}) ${accepted ? 'DITERIMA' : 'DITOLAK'}. Alasan:`,
          reason,
          '',
          `Rincian dan nilai terverifikasi: ${link}`,
        ],
        [
          `To the PPID of ${o.bodyName},`,
          '',
          `Your objection to item ${o.questionCode} (${o.periodTitle}) was ${accepted ? 'ACCEPTED' : 'REJECTED'}; the reason is above.`,
          `Details and your verified score: ${link}`,
        ],
      ),
      payload: {
        commissionId: o.commissionId,
        periodId: o.periodId,
        submissionId: o.submissionId,
        objectionId: o.id,
      },
    },
    (address) => `objection.decided:${o.id}:${address}`,
  );
}

/**
 * The daily reminder: open clarifications due within REMINDER_DAYS, at most one notice a day each. Returns how many.
 * One mail per body and address a day lists all of the body's items due (the dedupe key is the body's and the
 * Jakarta day's); each clarification in it is marked reminded that day (`reminded_on`). Run it as often as wanted
 * (the server runs it hourly): a second run on the same day queues nothing new for what was already reminded.
 */
export async function queueDueReminders(db: Db, deps: NoticeDeps, now: Date): Promise<number> {
  const day = jakartaDay(now);
  const due = await repo.dueClarifications(db, now, new Date(now.getTime() + REMINDER_DAYS * 86400_000), day);
  if (due.length === 0) return 0;
  const byBody = new Map<string, typeof due>();
  for (const k of due) byBody.set(k.bodyId, [...(byBody.get(k.bodyId) ?? []), k]);
  const addresses = await repo.bodyAddresses(db, [...byBody.keys()]);
  let queued = 0;
  for (const [bodyId, items] of byBody) {
    const first = items[0];
    if (!first) continue;
    const lines = items.map((k) => `- ${k.questionCode}: ${jakartaTime(k.dueAt)} — "${k.message}"`);
    const link = `${deps.publicUrl}/clarifications`;
    queued += await mailEach(
      db,
      addresses.get(bodyId) ?? [],
      {
        kind: 'notice.reminder',
        subject: `Pengingat: ${items.length} klarifikasi segera jatuh tempo — ${first.bodyName}`,
        body: bilingual(
          [
            `Kepada PPID ${first.bodyName},`,
            '',
            `Klarifikasi berikut dari ${first.commissionName} belum dijawab dan jatuh tempo dalam ${REMINDER_DAYS} hari:`,
            ...lines,
            '',
            `Jawab di: ${link}`,
          ],
          [
            `To the PPID of ${first.bodyName},`,
            '',
            `The clarifications listed above (${first.commissionName}) are unanswered and due within ${REMINDER_DAYS} days.`,
            `Answer them at: ${link}`,
          ],
        ),
        payload: {
          commissionId: first.commissionId,
          bodyId,
          clarificationIds: items.map((k) => k.id),
        },
      },
      (address) => `reminder:${bodyId}:${day}:${address}`,
    );
  }
  // one update for every body's items: the caller's transaction makes it the same as marking each body in turn
  await repo.markReminded(
    db,
    due.map((k) => k.id),
    day,
  );
  return queued;
}
