import { type Selectable, sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';
import type { AnswersTable, EvidenceTable } from '../../db/schema.ts';

/**
 * Answers and their evidence as the submission view reads them and carry forward writes them. The autosave writes
 * answers through its own statements (autosave.repository.ts).
 */

/** An answer with who saved it last. */
export interface AnswerRow
  extends Pick<
    Selectable<AnswersTable>,
    | 'questionCode'
    | 'value'
    | 'note'
    | 'selfPoints'
    | 'verifiedValue'
    | 'verifiedPoints'
    | 'verifiedReason'
    | 'changedVersion'
    | 'carried'
    | 'updatedAt'
    | 'updatedBy'
  > {
  updatedByName: string | null;
}

/** An evidence item with its file's details or its link's last check. */
export interface EvidenceRow extends Pick<Selectable<EvidenceTable>, 'questionCode' | 'position' | 'url' | 'fileId'> {
  fileName: string | null;
  fileSize: string | null;
  fileType: string | null;
  /** The file's content hash: what the receipt's fingerprint names a file by. */
  fileSha256: string | null;
  linkStatus: number | null;
  linkCheckedAt: Date | null;
}

export type EvidenceItem = { url: string } | { fileId: string };

export async function answersOf(db: Db, submissionId: string, codes?: string[]): Promise<AnswerRow[]> {
  let q = db
    .selectFrom('answers as a')
    .leftJoin('users as u', 'u.id', 'a.updatedBy')
    .select([
      'a.questionCode',
      'a.value',
      'a.note',
      'a.selfPoints',
      'a.verifiedValue',
      'a.verifiedPoints',
      'a.verifiedReason',
      'a.changedVersion',
      'a.carried',
      'a.updatedAt',
      'a.updatedBy',
      'u.name as updatedByName',
    ])
    .where('a.submissionId', '=', submissionId);
  if (codes) {
    if (codes.length === 0) return [];
    q = q.where('a.questionCode', 'in', codes);
  }
  return q.orderBy('a.questionCode').execute();
}

export async function evidenceOf(db: Db, submissionId: string, codes?: string[]): Promise<EvidenceRow[]> {
  let q = db
    .selectFrom('evidence as e')
    .leftJoin('files as f', 'f.id', 'e.fileId')
    .leftJoin('linkChecks as l', 'l.url', 'e.url')
    .select([
      'e.questionCode',
      'e.position',
      'e.url',
      'e.fileId',
      'f.name as fileName',
      'f.size as fileSize',
      'f.contentType as fileType',
      'f.sha256 as fileSha256',
      'l.status as linkStatus',
      'l.checkedAt as linkCheckedAt',
    ])
    .where('e.submissionId', '=', submissionId);
  if (codes) {
    if (codes.length === 0) return [];
    q = q.where('e.questionCode', 'in', codes);
  }
  return q.orderBy('e.questionCode').orderBy('e.position').execute();
}

export interface AnswerWrite {
  questionId: string;
  questionCode: string;
  value: unknown;
  note: string | null;
  selfPoints: string;
}

/** Upserts answers in one statement, stamping the submission version that changed them. */
async function upsertAnswers(db: Db, submissionId: string, version: number, actorId: string, rows: AnswerWrite[]) {
  if (rows.length === 0) return;
  await db
    .insertInto('answers')
    .values(
      rows.map((r) => ({
        submissionId,
        questionId: r.questionId,
        questionCode: r.questionCode,
        value: jsonb(r.value),
        note: r.note,
        selfPoints: r.selfPoints,
        changedVersion: version,
        carried: false,
        updatedBy: actorId,
        updatedAt: sql`now()`,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['submissionId', 'questionCode']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        note: eb.ref('excluded.note'),
        selfPoints: eb.ref('excluded.selfPoints'),
        changedVersion: eb.ref('excluded.changedVersion'),
        carried: false,
        updatedBy: eb.ref('excluded.updatedBy'),
        updatedAt: sql`now()`,
      })),
    )
    .execute();
}

/** Replaces the evidence of the given questions, and registers new links for the background checker. */
export async function replaceEvidence(
  db: Db,
  submissionId: string,
  items: { questionCode: string; evidence: EvidenceItem[] }[],
) {
  if (items.length === 0) return;
  await db
    .deleteFrom('evidence')
    .where('submissionId', '=', submissionId)
    .where(
      'questionCode',
      'in',
      items.map((i) => i.questionCode),
    )
    .execute();
  const rows = items.flatMap((i) =>
    i.evidence.map((e, position) => ({
      submissionId,
      questionCode: i.questionCode,
      position,
      url: 'url' in e ? e.url : null,
      fileId: 'fileId' in e ? e.fileId : null,
    })),
  );
  if (rows.length > 0) await db.insertInto('evidence').values(rows).execute();
  const urls = [...new Set(rows.flatMap((r) => (r.url ? [r.url] : [])))];
  if (urls.length > 0) {
    await db
      .insertInto('linkChecks')
      .values(urls.map((url) => ({ url })))
      .onConflict((oc) => oc.column('url').doNothing())
      .execute();
  }
}

/** Copies answers (value, note, evidence links and files) of matching codes, flagged `carried`. */
export async function carryAnswers(
  db: Db,
  target: { submissionId: string; version: number; actorId: string },
  rows: AnswerWrite[],
) {
  if (rows.length === 0) return;
  await upsertAnswers(db, target.submissionId, target.version, target.actorId, rows);
  await db
    .updateTable('answers')
    .set({ carried: true })
    .where('submissionId', '=', target.submissionId)
    .where(
      'questionCode',
      'in',
      rows.map((r) => r.questionCode),
    )
    .execute();
}

export async function questionIds(db: Db, questionnaireId: string): Promise<{ id: string; code: string }[]> {
  return db.selectFrom('questions').select(['id', 'code']).where('questionnaireId', '=', questionnaireId).execute();
}
