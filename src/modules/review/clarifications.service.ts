import type { Db } from '../../db/database.ts';
import { type Actor, decide, evaluatorOnlyIn, isPlatformAdmin } from '../../domain/access.ts';
import type { ClarificationStatus } from '../../domain/review.ts';
import { authorize } from '../../http/authorize.ts';
import { nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { questionnaireOf, type SubmissionsDeps } from '../submissions/autosave-state.ts';
import { readable } from '../submissions/submission-view.service.ts';
// the submissions' repository, not a service: the history row is written in this service's own transaction, beside
// the change it records (the submission was read and authorized through the submissions' service above)
import { appendHistory, type SubmissionRow } from '../submissions/submissions.repository.ts';
import * as repo from './clarifications.repository.ts';
import type { Clarification, ClarificationSummary, ThreadEvidence } from './clarifications.schemas.ts';
import { noticeClarificationAnswered, noticeClarificationAsked } from './notices.ts';
import { evaluatorAssigned } from './review-access.repository.ts';

/**
 * Clarifications (issue 22, item 3): an evaluator (or the admin) asks the body about one item, with a due date; the
 * body answers, and may add evidence to that item only, even after submission, until the due date. The thread stays
 * with the item. Evidence added this way is score-affecting, so it goes to the submission's history.
 */

/** The stages in which staff may ask: while verifying, and while objections are heard. */
const ASKING_STAGES: readonly string[] = ['verification', 'objection'];
/** The stages after the objection stage: the verified scores are final, the body no longer answers. */
const REVIEW_OVER_STAGES: readonly string[] = ['presentation', 'results', 'published'];
/** An item keeps at most this many evidence items (the submission view's limit). */
const EVIDENCE_PER_ITEM = 20;
/** The caller's list is for a screen, not an export. */
const LIST_LIMIT = 500;

type EvidenceInput = { url: string } | { fileId: string };

/** The question codes of the submission's questionnaire (422 for one outside it, at the given path). */
export async function questionOf(deps: SubmissionsDeps, row: SubmissionRow, code: string, path = 'questionCode') {
  if (!row.questionnaireId) throw new AppError('NOT_FOUND', 'This category has no questionnaire in the period.');
  const { questions } = await questionnaireOf(deps.autosave, deps.db, row.questionnaireId);
  const question = questions.get(code);
  if (!question) throw validationFailed([{ path, message: `No question ${code} in this questionnaire` }]);
  return question;
}

/**
 * Evidence as a thread keeps it: links as sent (http(s), checked at the edge), files only when uploaded to this
 * submission (a file of another submission is a 422, never a way to attach someone else's document).
 */
export async function storedEvidence(
  db: Db,
  submissionId: string,
  input: EvidenceInput[],
  path = 'evidence',
): Promise<repo.StoredEvidence[]> {
  const fileIds = input.flatMap((e) => ('fileId' in e ? [e.fileId] : []));
  const names = await repo.filesOfSubmission(db, submissionId, fileIds);
  const errors = input.flatMap((e, i) =>
    'fileId' in e && !names.has(e.fileId)
      ? [{ path: `${path}.${i}.fileId`, message: 'No such file uploaded to this submission' }]
      : [],
  );
  if (errors.length > 0) throw validationFailed(errors);
  return input.map((e) => ('fileId' in e ? { fileId: e.fileId, name: names.get(e.fileId) as string } : { url: e.url }));
}

/** Evidence read back from a jsonb column, kept to the two shapes the contract names. */
export function evidenceView(value: unknown): ThreadEvidence[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e): ThreadEvidence[] => {
    if (e && typeof e === 'object' && typeof e.url === 'string') return [{ url: e.url as string }];
    if (e && typeof e === 'object' && typeof e.fileId === 'string')
      return [{ fileId: e.fileId as string, name: String(e.name ?? '') }];
    return [];
  });
}

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function threadView(row: repo.ClarificationRow, messages: repo.MessageRow[]): Clarification {
  return {
    id: row.id,
    submissionId: row.submissionId,
    questionCode: row.questionCode,
    status: row.status as ClarificationStatus,
    dueAt: iso(row.dueAt),
    askedBy: person(row.askedById, row.askedByName),
    createdAt: iso(row.createdAt),
    messages: messages
      .filter((m) => m.clarificationId === row.id)
      .map((m) => ({
        id: String(m.id),
        author: person(m.authorId, m.authorName),
        message: m.message,
        evidence: evidenceView(m.evidence),
        createdAt: iso(m.createdAt),
      })),
  };
}

async function threadsOf(db: Db, rows: repo.ClarificationRow[]): Promise<Clarification[]> {
  const messages = await repo.messagesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => threadView(r, messages));
}

async function oneThread(db: Db, id: string): Promise<Clarification> {
  const row = await repo.findClarification(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'No such clarification.');
  return (await threadsOf(db, [row]))[0] as Clarification;
}

/**
 * Staff who may ask, reply as staff and close: the commission's admins and the submission's assigned evaluator. A
 * juror sees the panel's bodies but is not their evaluator (403).
 */
async function authorizeStaff(deps: SubmissionsDeps, actor: Actor, row: SubmissionRow, what: string) {
  authorize(actor, 'clarification.ask', { commissionId: row.commissionId }, what);
  if (evaluatorOnlyIn(actor, row.commissionId) && !(await evaluatorAssigned(deps.db, actor.userId, row.id))) {
    throw new AppError('FORBIDDEN', 'Only the assigned evaluator or the commission’s admins act on clarifications.');
  }
}

/** Asks the body about one item: the assigned evaluator or the admin, while verifying or hearing objections. */
export async function ask(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
  input: { questionCode: string; message: string; dueAt: string },
): Promise<Clarification> {
  const row = await readable(deps, actor, submissionId);
  await authorizeStaff(deps, actor, row, 'submission');
  if (!ASKING_STAGES.includes(row.stage)) {
    throw new AppError('STAGE_CLOSED', 'Clarifications are asked during verification and the objection stage.', {
      stage: row.stage,
    });
  }
  await questionOf(deps, row, input.questionCode);
  const dueAt = new Date(input.dueAt);
  if (dueAt <= nowOf(deps)) throw validationFailed([{ path: 'dueAt', message: 'The due date must be in the future' }]);
  const id = await deps.db.transaction().execute(async (trx) => {
    const created = await repo.insertClarification(trx, {
      commissionId: row.commissionId,
      submissionId: row.id,
      questionCode: input.questionCode,
      askedBy: actor.userId,
      message: input.message,
      dueAt,
    });
    await noticeClarificationAsked(trx, deps, { clarificationId: created });
    return created;
  });
  return oneThread(deps.db, id);
}

/** The submission's threads, item by item: staff who see the submission, and the body from the moment it is asked. */
export async function listForSubmission(
  deps: SubmissionsDeps,
  actor: Actor,
  submissionId: string,
): Promise<Clarification[]> {
  const row = await readable(deps, actor, submissionId);
  return threadsOf(deps.db, await repo.clarificationsOf(deps.db, row.id));
}

/** The scope of the caller's own list, from their memberships (see ClarificationScope). */
function scopeOf(actor: Actor): repo.ClarificationScope {
  const staffIn = new Set<string>();
  const assignedIn = new Set<string>();
  const bodyIds: string[] = [];
  for (const m of actor.memberships) {
    if (m.role === 'body_operator' && m.bodyId) bodyIds.push(m.bodyId);
    else if (m.commissionId && m.role !== 'body_operator') {
      if (evaluatorOnlyIn(actor, m.commissionId)) assignedIn.add(m.commissionId);
      else staffIn.add(m.commissionId);
    }
  }
  return {
    all: isPlatformAdmin(actor),
    commissionIds: [...staffIn],
    assignedIn: [...assignedIn],
    userId: actor.userId,
    bodyIds,
  };
}

/**
 * The caller's clarifications: a body operator's bodies' threads, an evaluator's assigned submissions' threads, the
 * commission's for its admin and leadership; soonest due first.
 */
export async function listMine(
  deps: SubmissionsDeps,
  actor: Actor,
  status: ClarificationStatus | undefined,
): Promise<ClarificationSummary[]> {
  const rows = await repo.listClarifications(deps.db, scopeOf(actor), status, LIST_LIMIT);
  return rows.map((r) => ({
    id: r.id,
    submissionId: r.submissionId,
    periodId: r.periodId,
    year: r.year,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    questionCode: r.questionCode,
    status: r.status as ClarificationStatus,
    dueAt: iso(r.dueAt),
    askedBy: person(r.askedById, r.askedByName),
    createdAt: iso(r.createdAt),
    message: r.message,
    replies: Math.max(0, r.messages - 1),
    lastMessageAt: iso(r.lastMessageAt),
  }));
}

/** The thread and its submission, for a caller who may see the submission (others: 404). */
async function threadFor(deps: SubmissionsDeps, actor: Actor, id: string) {
  const thread = await repo.findClarification(deps.db, id);
  if (!thread) throw new AppError('NOT_FOUND', 'No such clarification.');
  const row = await readable(deps, actor, thread.submissionId);
  return { thread, row };
}

/**
 * A reply. The body (its operators) answers until the due date, with evidence for that item only, even after
 * submission; the evidence joins the item's evidence and the history, and the thread becomes answered. Staff who
 * may ask reply too, with a message only, while the thread is not closed.
 */
export async function reply(
  deps: SubmissionsDeps,
  actor: Actor,
  id: string,
  input: { message: string; evidence?: EvidenceInput[] | undefined },
): Promise<Clarification> {
  const { thread, row } = await threadFor(deps, actor, id);
  const scope = { commissionId: row.commissionId, bodyId: row.bodyId };
  const asBody = decide(actor, 'clarification.reply', scope) === 'allow';
  if (!asBody) await authorizeStaff(deps, actor, row, 'clarification');
  const evidenceIn = input.evidence ?? [];
  if (!asBody && evidenceIn.length > 0) {
    throw validationFailed([{ path: 'evidence', message: 'Only the body adds evidence to its answers' }]);
  }
  const evidence = await storedEvidence(deps.db, row.id, evidenceIn);
  const question = evidence.length > 0 ? await questionOf(deps, row, thread.questionCode) : undefined;
  const now = nowOf(deps);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClarification(trx, id);
    if (!locked) throw new AppError('NOT_FOUND', 'No such clarification.');
    if (locked.status === 'closed') throw new AppError('CONFLICT', 'This clarification is closed.');
    // the body answers while its answers can still be weighed: after the objection stage the verified scores are final
    if (asBody && REVIEW_OVER_STAGES.includes(row.stage)) {
      throw new AppError(
        'STAGE_CLOSED',
        'The review is over: clarifications are answered until the objection stage ends.',
        {
          stage: row.stage,
        },
      );
    }
    if (asBody && locked.dueAt <= now) {
      throw new AppError('STAGE_CLOSED', 'The due date of this clarification has passed.', {
        dueAt: iso(locked.dueAt),
      });
    }
    if (evidence.length > 0) {
      const count = await repo.evidenceCount(trx, row.id, thread.questionCode);
      if (count + evidence.length > EVIDENCE_PER_ITEM) {
        throw validationFailed([
          { path: 'evidence', message: `An item keeps at most ${EVIDENCE_PER_ITEM} evidence items (it has ${count})` },
        ]);
      }
      if (question) {
        await repo.ensureAnswer(trx, { submissionId: row.id, questionId: question.id, questionCode: question.code });
      }
      await repo.appendEvidence(trx, row.id, thread.questionCode, evidence);
      await appendHistory(trx, [
        {
          submissionId: row.id,
          questionCode: thread.questionCode,
          actorId: actor.userId,
          event: 'clarification.evidence_added',
          before: null,
          after: { evidence, clarificationId: id },
          reason: input.message,
        },
      ]);
    }
    await repo.insertMessage(trx, { clarificationId: id, authorId: actor.userId, message: input.message, evidence });
    if (asBody) {
      await repo.setClarificationStatus(trx, id, 'answered');
      await noticeClarificationAnswered(trx, deps, { clarificationId: id });
    }
  });
  return oneThread(deps.db, id);
}

/** Closes a thread (staff who may ask): the body may no longer reply to it or add evidence through it. */
export async function close(deps: SubmissionsDeps, actor: Actor, id: string): Promise<Clarification> {
  const { row } = await threadFor(deps, actor, id);
  await authorizeStaff(deps, actor, row, 'clarification');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockClarification(trx, id);
    if (!locked) throw new AppError('NOT_FOUND', 'No such clarification.');
    // closing a closed thread changes nothing: the same answer, no second write
    if (locked.status !== 'closed') await repo.setClarificationStatus(trx, id, 'closed');
  });
  return oneThread(deps.db, id);
}

/** Whether the body may still upload evidence to this submission after its SAQ closed: an open, not yet due thread. */
export async function clarificationOpen(db: Db, submissionId: string, at: Date): Promise<boolean> {
  return repo.hasOpenClarification(db, submissionId, at);
}
