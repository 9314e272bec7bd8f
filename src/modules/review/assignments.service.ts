import type { Db } from '../../db/database.ts';
import { type Actor, decide } from '../../domain/access.ts';
import { planAutoAssignment } from '../../domain/assignment-balance.ts';
import type { VerificationState } from '../../domain/review.ts';
import type { Stage } from '../../domain/stages.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import { auditChange } from '../audit/audit.service.ts';
// the periods' repository, not its service: the review reads the period's commission, stage and schedule for rules of
// its own (who may manage or read the review), which the periods service's `period.read` is wider than
import * as periods from '../periods/periods.repository.ts';
// the submissions' history is the one append-only trail of score-affecting events (issue 22, item 7): an assignment
// is written there in the transaction that makes it, as the submissions module's own writers do
import { appendHistory } from '../submissions/submissions.repository.ts';
import * as repo from './assignments.repository.ts';
import type { Assignment, AutoAssignResult, Exclusion, Unassigned, Workload } from './assignments.schemas.ts';
import { noticeAssigned } from './notices.ts';

/**
 * Assignment of submitted SAQs to evaluators (by hand or balanced automatically), conflicts of interest, the admin's
 * workload view and the evaluator's own queue (issue 22, item 1). The verification done so far lives on the answers,
 * so a reassignment moves only who holds the submission.
 */

/** Stages in which submissions may be (re)assigned: prepared at the SAQ for those already in, until objections end. */
const ASSIGNABLE_STAGES: readonly Stage[] = ['saq', 'verification', 'objection'];

/** The review's oversight reads (assignments, workload, exclusions): the commission's admins, and leadership. */
function authorizeOversight(actor: Actor, commissionId: string, what: string) {
  if (decide(actor, 'review.manage', { commissionId }) === 'allow') return;
  if (actor.memberships.some((m) => m.commissionId === commissionId && m.role === 'leadership')) return;
  authorize(actor, 'review.manage', { commissionId }, what);
}

async function periodOf(deps: AppDeps, periodId: string) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  return period;
}

/** The end of the schedule's verification stage: its last day, to the end of that day in Asia/Jakarta (UTC+7). */
export function verificationDeadline(schedule: unknown): Date | null {
  const end = (schedule as { verification?: { end?: string } } | null)?.verification?.end;
  return end ? new Date(`${end}T23:59:59.999+07:00`) : null;
}

function assignmentView(r: repo.AssignmentRow): Assignment {
  return {
    id: r.id,
    periodId: r.periodId,
    submissionId: r.submissionId,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    categoryCode: r.categoryCode,
    evaluatorId: r.evaluatorId,
    evaluatorName: r.evaluatorName,
    verificationState: r.verificationState as VerificationState,
    verified: r.verified ?? 0,
    total: r.total ?? 0,
    updatedAt: iso(r.updatedAt),
  };
}

function unassignedView(r: repo.CandidateSubmission): Unassigned {
  return {
    submissionId: r.id,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    categoryCode: r.categoryCode,
    total: r.total ?? 0,
  };
}

function exclusionView(r: repo.ExclusionRow): Exclusion {
  return {
    id: r.id,
    commissionId: r.commissionId,
    bodyId: r.bodyId,
    bodyName: r.bodyName,
    evaluatorId: r.evaluatorId,
    evaluatorName: r.evaluatorName,
    reason: r.reason,
    createdAt: iso(r.createdAt),
  };
}

function requireAssignableStage(stage: string) {
  if (!ASSIGNABLE_STAGES.includes(stage as Stage)) {
    throw new AppError(
      'STAGE_CLOSED',
      `Submissions are assigned from the SAQ stage to the objection stage, not at ${stage}.`,
    );
  }
}

/**
 * The evaluator may take this body's submission: they hold the evaluator role in the commission and are not excluded
 * from the body (422 naming the exclusion otherwise). Returns their name for the history.
 */
async function eligibleEvaluator(
  db: Db,
  commissionId: string,
  body: { id: string; name: string },
  evaluatorId: string,
): Promise<repo.EvaluatorRow> {
  await repo.shareLockBodies(db, [body.id]);
  const evaluator = (await repo.commissionEvaluators(db, commissionId)).find((e) => e.id === evaluatorId);
  if (!evaluator) {
    throw validationFailed([{ path: 'evaluatorId', message: 'Not an evaluator of this commission' }]);
  }
  const exclusion = await repo.findExclusionOf(db, body.id, evaluatorId);
  if (exclusion) {
    throw new AppError(
      'VALIDATION_FAILED',
      `${evaluator.name} is excluded from ${body.name} (conflict of interest): ${exclusion.reason}`,
      {
        errors: [{ path: 'evaluatorId', message: `Excluded from ${body.name}: ${exclusion.reason}` }],
        exclusion: exclusionView(exclusion),
      },
    );
  }
  return evaluator;
}

/** The period's assignments and its submitted submissions that nobody holds yet (admins and leadership). */
export async function listAssignments(deps: AppDeps, actor: Actor, periodId: string) {
  const period = await periodOf(deps, periodId);
  authorizeOversight(actor, period.commissionId, 'period');
  const [rows, unassigned] = await Promise.all([
    repo.listAssignments(deps.db, periodId),
    repo.unassignedSubmissions(deps.db, periodId),
  ]);
  return { assignments: rows.map(assignmentView), unassigned: unassigned.map(unassignedView) };
}

/** Assigns one submitted submission to an evaluator (commission admin); 409 when it is already held. */
export async function assign(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: { submissionId: string; evaluatorId: string },
): Promise<Assignment> {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'review.manage', { commissionId: period.commissionId }, 'period');
  requireAssignableStage(period.stage);
  const id = await deps.db.transaction().execute(async (trx) => {
    const submission = await repo.findCandidate(trx, input.submissionId);
    if (!submission || submission.periodId !== periodId) {
      throw validationFailed([{ path: 'submissionId', message: 'No such submission in this period' }]);
    }
    if (!submission.submitted) {
      throw new AppError('CONFLICT', `${submission.bodyName} has not submitted its self-assessment.`);
    }
    await repo.lockSubmissionRow(trx, submission.id);
    if (await repo.findAssignmentOfSubmission(trx, submission.id)) {
      throw new AppError('ALREADY_EXISTS', 'This submission is already assigned; reassign it instead.');
    }
    const evaluator = await eligibleEvaluator(
      trx,
      period.commissionId,
      { id: submission.bodyId, name: submission.bodyName },
      input.evaluatorId,
    );
    const created = await repo.insertAssignment(trx, {
      commissionId: period.commissionId,
      periodId,
      submissionId: submission.id,
      evaluatorId: evaluator.id,
      assignedBy: actor.userId,
    });
    if (!created) throw new AppError('ALREADY_EXISTS', 'This submission is already assigned; reassign it instead.');
    await appendHistory(trx, [
      {
        submissionId: submission.id,
        questionCode: null,
        actorId: actor.userId,
        event: 'assignment.set',
        before: null,
        after: { evaluator: { id: evaluator.id, name: evaluator.name } },
      },
    ]);
    await noticeAssigned(trx, deps, {
      commissionId: period.commissionId,
      periodId,
      evaluatorId: evaluator.id,
      submissionIds: [submission.id],
    });
    return created.id;
  });
  return assignmentView((await repo.findAssignment(deps.db, id)) as repo.AssignmentRow);
}

/** Hands an assignment to another evaluator (commission admin); the verification done so far stays on the answers. */
export async function reassign(
  deps: AppDeps,
  actor: Actor,
  assignmentId: string,
  evaluatorId: string,
): Promise<Assignment> {
  const current = await repo.findAssignment(deps.db, assignmentId);
  if (!current) throw new AppError('NOT_FOUND', 'No such assignment.');
  authorize(actor, 'review.manage', { commissionId: current.commissionId }, 'assignment');
  const period = await periodOf(deps, current.periodId);
  requireAssignableStage(period.stage);
  await deps.db.transaction().execute(async (trx) => {
    const locked = await repo.lockAssignment(trx, assignmentId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such assignment.');
    const evaluator = await eligibleEvaluator(
      trx,
      current.commissionId,
      { id: current.bodyId, name: current.bodyName },
      evaluatorId,
    );
    // the same evaluator again changes nothing: no history, no second notice
    if (locked.evaluatorId === evaluator.id) return;
    const before = await repo.findUserName(trx, locked.evaluatorId);
    await repo.setEvaluator(trx, assignmentId, evaluator.id, actor.userId);
    await appendHistory(trx, [
      {
        submissionId: current.submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'assignment.changed',
        before: { evaluator: { id: locked.evaluatorId, name: before?.name ?? '' } },
        after: { evaluator: { id: evaluator.id, name: evaluator.name } },
      },
    ]);
    await noticeAssigned(trx, deps, {
      commissionId: current.commissionId,
      periodId: current.periodId,
      evaluatorId: evaluator.id,
      submissionIds: [current.submissionId],
    });
  });
  return assignmentView((await repo.findAssignment(deps.db, assignmentId)) as repo.AssignmentRow);
}

/**
 * Assigns every submitted, unassigned submission of the period, balanced by questions within each category and never
 * to an excluded evaluator (commission admin). `evaluatorIds` narrows the evaluators; 422 when there are none.
 */
export async function autoAssign(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  evaluatorIds?: string[],
): Promise<AutoAssignResult> {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'review.manage', { commissionId: period.commissionId }, 'period');
  requireAssignableStage(period.stage);
  const ids = await deps.db.transaction().execute(async (trx) => {
    // the period's row locked: two auto-assignments of one period serialise, and the second sees the first's work
    await periods.lockPeriod(trx, periodId);
    const all = await repo.commissionEvaluators(trx, period.commissionId);
    let chosen = all;
    if (evaluatorIds) {
      const known = new Set(all.map((e) => e.id));
      const unknown = evaluatorIds
        .map((id, i) => ({ id, i }))
        .filter((x) => !known.has(x.id))
        .map((x) => ({ path: `evaluatorIds.${x.i}`, message: 'Not an evaluator of this commission' }));
      if (unknown.length > 0) throw validationFailed(unknown);
      const wanted = new Set(evaluatorIds);
      chosen = all.filter((e) => wanted.has(e.id));
    }
    if (chosen.length === 0) {
      throw validationFailed([{ path: 'evaluatorIds', message: 'The commission has no evaluator to assign to' }]);
    }
    const pending = await repo.unassignedSubmissions(trx, periodId);
    // an exclusion made meanwhile for one of these bodies waits for this batch, or this batch sees it
    await repo.shareLockBodies(
      trx,
      pending.map((s) => s.bodyId),
    );
    const [existing, excluded] = await Promise.all([
      repo.questionLoad(trx, periodId),
      repo.exclusionsOfBodies(
        trx,
        pending.map((s) => s.bodyId),
      ),
    ]);
    const { plan, skipped } = planAutoAssignment(
      chosen,
      existing,
      pending.map((s) => ({ id: s.id, bodyId: s.bodyId, categoryCode: s.categoryCode, total: s.total ?? 0 })),
      excluded,
    );
    const names = new Map(chosen.map((e) => [e.id, e.name]));
    // one statement for the whole batch; a submission assigned by hand meanwhile is left as it is (and out of the
    // history and the notices below)
    const inserted = await repo.insertAssignments(
      trx,
      plan.map((step) => ({
        commissionId: period.commissionId,
        periodId,
        submissionId: step.submissionId,
        evaluatorId: step.evaluatorId,
        assignedBy: actor.userId,
      })),
    );
    const made = new Set(inserted.map((r) => r.submissionId));
    const done = plan.filter((step) => made.has(step.submissionId));
    await appendHistory(
      trx,
      done.map((step) => ({
        submissionId: step.submissionId,
        questionCode: null,
        actorId: actor.userId,
        event: 'assignment.set',
        before: null,
        after: { evaluator: { id: step.evaluatorId, name: names.get(step.evaluatorId) ?? '' } },
      })),
    );
    // one notice per evaluator for the whole batch
    const perEvaluator = new Map<string, string[]>();
    for (const step of done) {
      perEvaluator.set(step.evaluatorId, [...(perEvaluator.get(step.evaluatorId) ?? []), step.submissionId]);
    }
    for (const [evaluatorId, submissionIds] of perEvaluator) {
      await noticeAssigned(trx, deps, { commissionId: period.commissionId, periodId, evaluatorId, submissionIds });
    }
    const created = inserted.map((r) => r.id);
    const skippedSet = new Set(skipped);
    return { created, skipped: pending.filter((s) => skippedSet.has(s.id)) };
  });
  const rows = await repo.listAssignments(deps.db, periodId);
  const made = new Set(ids.created);
  return { assigned: rows.filter((r) => made.has(r.id)).map(assignmentView), skipped: ids.skipped.map(unassignedView) };
}

/** Per evaluator of the commission: assigned, by verification state, overdue, questions; and the deadline. */
export async function workload(deps: AppDeps, actor: Actor, periodId: string): Promise<Workload> {
  const period = await periodOf(deps, periodId);
  authorizeOversight(actor, period.commissionId, 'period');
  const [evaluators, rows, unassigned] = await Promise.all([
    repo.commissionEvaluators(deps.db, period.commissionId),
    repo.listAssignments(deps.db, periodId),
    repo.unassignedSubmissions(deps.db, periodId),
  ]);
  const deadline = verificationDeadline(period.schedule);
  const late = deadline !== null && nowOf(deps).getTime() > deadline.getTime();
  const byEvaluator = new Map<string, Workload['evaluators'][number]>();
  const rowOf = (e: { id: string; name: string; email: string }) => {
    let row = byEvaluator.get(e.id);
    if (!row) {
      row = {
        evaluatorId: e.id,
        name: e.name,
        email: e.email,
        assigned: 0,
        notStarted: 0,
        inProgress: 0,
        complete: 0,
        overdue: 0,
        questions: 0,
      };
      byEvaluator.set(e.id, row);
    }
    return row;
  };
  for (const e of evaluators) rowOf(e);
  // an evaluator who has since lost the role still holds their assignments until reassigned: they stay listed
  for (const a of rows) {
    const row = rowOf({ id: a.evaluatorId, name: a.evaluatorName, email: a.evaluatorEmail });
    row.assigned += 1;
    row.questions += a.total ?? 0;
    if (a.verificationState === 'complete') row.complete += 1;
    else if (a.verificationState === 'in_progress') row.inProgress += 1;
    else row.notStarted += 1;
    if (late && a.verificationState !== 'complete') row.overdue += 1;
  }
  const list = [...byEvaluator.values()].sort(
    (a, b) => a.name.localeCompare(b.name, 'id') || (a.evaluatorId < b.evaluatorId ? -1 : 1),
  );
  return { deadline: deadline ? iso(deadline) : null, evaluators: list, unassigned: unassigned.length };
}

/** The caller's own assignments across periods, with progress and deadline (empty for anyone who is not assigned). */
export async function myEvaluations(deps: AppDeps, actor: Actor) {
  const rows = await repo.assignmentsOfEvaluator(deps.db, actor.userId);
  const now = nowOf(deps).getTime();
  return {
    evaluations: rows.map((r) => {
      const deadline = verificationDeadline(r.schedule);
      return {
        assignmentId: r.id,
        submissionId: r.submissionId,
        periodId: r.periodId,
        periodTitle: r.periodTitle,
        year: r.year,
        stage: r.stage,
        commissionId: r.commissionId,
        bodyName: r.bodyName,
        categoryCode: r.categoryCode,
        verificationState: r.verificationState as VerificationState,
        verified: r.verified ?? 0,
        total: r.total ?? 0,
        deadline: deadline ? iso(deadline) : null,
        overdue: deadline !== null && r.verificationState !== 'complete' && now > deadline.getTime(),
      };
    }),
  };
}

/** The commission's conflicts of interest (admins and leadership). */
export async function listExclusions(deps: AppDeps, actor: Actor, commissionId: string) {
  authorizeOversight(actor, commissionId, 'commission');
  return (await repo.listExclusions(deps.db, commissionId)).map(exclusionView);
}

/**
 * Records that an evaluator must never get a body's submissions (commission admin, with a reason; audited). 409 while
 * the evaluator holds that body's submission in a period not yet published: reassign it first.
 */
export async function createExclusion(
  deps: AppDeps,
  actor: Actor,
  commissionId: string,
  input: { bodyId: string; evaluatorId: string; reason: string },
): Promise<Exclusion> {
  authorize(actor, 'review.manage', { commissionId }, 'commission');
  const id = await deps.db.transaction().execute(async (trx) => {
    const body = await repo.findBodyOf(trx, input.bodyId);
    const evaluator = (await repo.commissionEvaluators(trx, commissionId)).find((e) => e.id === input.evaluatorId);
    const errors = [
      ...(!body || body.commissionId !== commissionId
        ? [{ path: 'bodyId', message: 'No such body in this commission' }]
        : []),
      ...(!evaluator ? [{ path: 'evaluatorId', message: 'Not an evaluator of this commission' }] : []),
    ];
    if (errors.length > 0 || !body || !evaluator) throw validationFailed(errors);
    const held = await repo.openAssignmentOfBody(trx, body.id, evaluator.id);
    if (held) {
      throw new AppError(
        'CONFLICT',
        `${evaluator.name} holds ${body.name}'s submission in ${held.periodTitle}; reassign it first.`,
        { assignmentId: held.id },
      );
    }
    const created = await repo.insertExclusion(trx, {
      commissionId,
      bodyId: body.id,
      evaluatorId: evaluator.id,
      reason: input.reason,
      createdBy: actor.userId,
    });
    if (!created) throw new AppError('ALREADY_EXISTS', `${evaluator.name} is already excluded from ${body.name}.`);
    await auditChange(trx, actor, { commissionId, type: 'exclusion', id: created.id }, 'exclusion.created', {
      after: { bodyId: body.id, bodyName: body.name, evaluatorId: evaluator.id, evaluatorName: evaluator.name },
      reason: input.reason,
    });
    return created.id;
  });
  return exclusionView((await repo.findExclusion(deps.db, id)) as repo.ExclusionRow);
}

/** Lifts a conflict of interest (commission admin; audited). */
export async function deleteExclusion(deps: AppDeps, actor: Actor, exclusionId: string): Promise<void> {
  const row = await repo.findExclusion(deps.db, exclusionId);
  if (!row) throw new AppError('NOT_FOUND', 'No such exclusion.');
  authorize(actor, 'review.manage', { commissionId: row.commissionId }, 'exclusion');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteExclusion(trx, exclusionId);
    await auditChange(
      trx,
      actor,
      { commissionId: row.commissionId, type: 'exclusion', id: row.id },
      'exclusion.deleted',
      {
        before: {
          bodyId: row.bodyId,
          bodyName: row.bodyName,
          evaluatorId: row.evaluatorId,
          evaluatorName: row.evaluatorName,
        },
        reason: row.reason,
      },
    );
  });
}
