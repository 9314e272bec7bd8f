import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import { canonicalSubmission, groupFingerprint } from '../../domain/receipt.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { queueMail } from '../outbox/outbox.service.ts';
// the review's notices know a body's addresses (its operators and the PPID e-mail): the receipt goes to the same
import { bodyAddresses } from '../review/notices.repository.ts';
import { answersOf, evidenceOf } from './answers.repository.ts';
import { questionnaireOf, type SubmissionsDeps } from './autosave-state.ts';
import { readable } from './submission-view.service.ts';
import { receiptNames, type SubmissionRow } from './submissions.repository.ts';

/**
 * The submission receipt (issue 25, item 7): body, period, time of submission, counts and a SHA-256 fingerprint of the
 * submitted answers and evidence (src/domain/receipt.ts), recomputable at any time from the stored rows. Shown on a
 * page and mailed to the body in the submit's transaction.
 */

/** The fingerprint of a submission's stored answers and evidence, and what it counted. `db` may be a transaction. */
export async function fingerprintOf(db: Db, submissionId: string) {
  // one after the other: `db` is the submit's transaction, one connection
  const answers = await answersOf(db, submissionId);
  const evidence = await evidenceOf(db, submissionId);
  const byCode = new Map<string, ({ url: string } | { sha256: string })[]>();
  for (const e of evidence) {
    const item = e.url !== null ? { url: e.url } : { sha256: e.fileSha256 ?? '' };
    byCode.set(e.questionCode, [...(byCode.get(e.questionCode) ?? []), item]);
  }
  const answered = answers.filter((a) => a.value !== null);
  const text = canonicalSubmission(
    answered.map((a) => ({
      questionCode: a.questionCode,
      value: a.value,
      note: a.note,
      evidence: byCode.get(a.questionCode) ?? [],
    })),
  );
  const answeredCodes = new Set(answered.map((a) => a.questionCode));
  return {
    fingerprint: bytesToHex(sha256(utf8ToBytes(text))),
    answered: answered.length,
    evidence: evidence.filter((e) => answeredCodes.has(e.questionCode)).length,
  };
}

/** The receipt of a submitted SAQ, from the stored rows. */
async function receiptOf(deps: SubmissionsDeps, row: SubmissionRow, db: Db = deps.db) {
  if (row.status === 'draft' || !row.submittedAt) {
    throw new AppError('CONFLICT', 'The self-assessment has not been submitted: there is no receipt yet.');
  }
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questionnaire } = await questionnaireOf(deps.autosave, db, row.questionnaireId);
  const names = await receiptNames(db, row.periodId);
  const print = await fingerprintOf(db, row.id);
  return {
    submissionId: row.id,
    periodId: row.periodId,
    bodyName: row.bodyName,
    commissionName: names.commissionName,
    periodTitle: names.periodTitle,
    year: row.year,
    submittedAt: iso(row.submittedAt),
    answered: print.answered,
    total: questionnaire.indicators.reduce((n, i) => n + i.questions.length, 0),
    evidence: print.evidence,
    algorithm: 'SHA-256' as const,
    fingerprint: print.fingerprint,
    fingerprintLines: groupFingerprint(print.fingerprint),
  };
}

export type ReceiptView = Awaited<ReturnType<typeof receiptOf>>;

/** `GET /submissions/:sid/receipt`: for whoever may read the submission (others 404); 409 before it is submitted. */
export async function getReceipt(deps: SubmissionsDeps, actor: Actor, submissionId: string) {
  return receiptOf(deps, await readable(deps, actor, submissionId));
}

/** An instant as people in Jakarta read it (UTC+7, no daylight saving): `2026-08-31 17:00 WIB`. */
function jakartaTime(at: string): string {
  return `${new Date(new Date(at).getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} WIB`;
}

/**
 * Builds the receipt of a submission just submitted (inside the submit's transaction) and queues it to the body's
 * addresses, Indonesian first, then English; one mail per address and submission time.
 */
export async function mailReceipt(
  deps: SubmissionsDeps & Pick<AppDeps, 'publicUrl'>,
  db: Db,
  row: SubmissionRow,
): Promise<ReceiptView> {
  const receipt = await receiptOf(deps, row, db);
  const addresses = (await bodyAddresses(db, [row.bodyId])).get(row.bodyId) ?? [];
  const when = jakartaTime(receipt.submittedAt);
  const link = `${deps.publicUrl}/submissions/${row.id}/receipt`;
  const lines = receipt.fingerprintLines.map((l) => `    ${l}`);
  const body = [
    `Kepada PPID ${receipt.bodyName},`,
    '',
    `Kuesioner penilaian mandiri (SAQ) ${receipt.periodTitle} telah dikirim pada ${when}.`,
    `Jawaban: ${receipt.answered} dari ${receipt.total} pertanyaan; bukti dukung: ${receipt.evidence}.`,
    'Sidik jari jawaban (SHA-256):',
    ...lines,
    '',
    `Tanda terima: ${link}`,
    '',
    '—',
    '',
    `To the PPID of ${receipt.bodyName},`,
    '',
    `The self-assessment questionnaire (SAQ) of ${receipt.periodTitle} was submitted at ${when}.`,
    `Answers: ${receipt.answered} of ${receipt.total} questions; evidence items: ${receipt.evidence}.`,
    'Fingerprint of the answers (SHA-256): as above.',
    `Receipt: ${link}`,
    '',
    '—',
    'Informatif (pesan otomatis / automatic message)',
  ].join('\n');
  for (const recipient of addresses) {
    await queueMail(db, {
      kind: 'submission.receipt',
      recipient,
      subject: `Tanda terima SAQ / SAQ receipt — ${receipt.bodyName}, ${receipt.periodTitle}`,
      body,
      payload: {
        commissionId: row.commissionId,
        periodId: row.periodId,
        submissionId: row.id,
        fingerprint: receipt.fingerprint,
      },
      dedupeKey: `submission.receipt:${row.id}:${receipt.submittedAt}:${recipient.toLowerCase()}`,
    });
  }
  return receipt;
}
