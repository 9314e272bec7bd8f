import { type Actor, evaluatorOnlyIn } from '../../domain/access.ts';
import type { VerificationState } from '../../domain/review.ts';
import { deadlineOf } from '../../domain/saq-window.ts';
import { authorize } from '../../http/authorize.ts';
import { AppError } from '../../http/errors.ts';
import { iso } from '../../lib/time.ts';
import * as periods from '../periods/periods.repository.ts';
// the review module's visibility rule (see submission-view.service.ts)
import { submissionsEvaluatorSees } from '../review/review-access.repository.ts';
import type { SubmissionsDeps } from './autosave-state.ts';
import * as repo from './submission-list.repository.ts';

/** The query of the staff's list (GET /periods/:pid/submissions and its CSV). */
export interface ListQuery {
  category?: string | undefined;
  q?: string | undefined;
  status?: repo.ListStatus | undefined;
  sort?: repo.ListSort | undefined;
  order?: 'asc' | 'desc' | undefined;
  /** A page; absent: every row. */
  limit?: number | undefined;
  offset?: number | undefined;
}

/** The submissions list's period, once the caller may read the commission's registry (admins, evaluators, leadership). */
async function listedPeriod(deps: Pick<SubmissionsDeps, 'db'>, actor: Actor, periodId: string) {
  // the periods' repository, not its service: the staff list is for those who may read the commission's registry
  // (admins, evaluators), a narrower permission than reading the period
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  authorize(actor, 'registry.read', { commissionId: period.commissionId }, 'period');
  return period;
}

/**
 * The commission's submissions of a period (admins, evaluators, leadership), searched, filtered, sorted and paged, with
 * how far each has come and its latest reopening or extension; and the bodies that have not opened the SAQ with their
 * PPID contact (not for an evaluator, who lists only what they may open: their assignments and, as a juror, the
 * panel's bodies).
 */
export async function listSubmissions(
  deps: Pick<SubmissionsDeps, 'db'>,
  actor: Actor,
  periodId: string,
  query: ListQuery,
) {
  return (await listing(deps, actor, periodId, query)).list;
}

/** The list and its period (the CSV export names its file after the period). */
export async function listing(deps: Pick<SubmissionsDeps, 'db'>, actor: Actor, periodId: string, query: ListQuery) {
  const period = await listedPeriod(deps, actor, periodId);
  const evaluatorOnly = evaluatorOnlyIn(actor, period.commissionId);
  const only = evaluatorOnly ? await submissionsEvaluatorSees(deps.db, actor.userId, periodId) : undefined;
  const filter = { categoryCode: query.category, q: query.q, status: query.status, only };
  const [page, notStarted] = await Promise.all([
    repo.listSubmissions(deps.db, periodId, filter, {
      sort: query.sort ?? 'name',
      desc: query.order === 'desc',
      limit: query.limit,
      offset: query.offset ?? 0,
    }),
    period.stage === 'draft' || evaluatorOnly
      ? []
      : repo.notStarted(deps.db, periodId, period.commissionId, { categoryCode: query.category, q: query.q }),
  ]);
  const submissions = page.rows.map((r) => {
    const deadline = deadlineOf(period.schedule, r.deadlineOverride);
    return {
      id: r.id,
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      categoryCode: r.categoryCode,
      status: r.status,
      verificationState: r.verificationState as VerificationState,
      version: r.version,
      answered: r.answered,
      questions: r.questions,
      submittedAt: r.submittedAt ? iso(r.submittedAt) : null,
      deadline: deadline ? iso(deadline) : null,
      updatedAt: iso(r.updatedAt),
      ppidEmail: r.ppidEmail,
      // the admin's latest lever on this submission with its reason, while the body may edit again because of it
      reopening:
        r.changeEvent && r.status === 'draft'
          ? {
              event: r.changeEvent === 'submission.extended' ? ('extended' as const) : ('reopened' as const),
              reason: r.changeReason ?? '',
              at: iso(r.changeAt as Date),
              until: deadline ? iso(deadline) : null,
            }
          : null,
    };
  });
  const list = {
    submissions,
    total: page.total,
    notStarted: notStarted.map((b) => ({
      bodyId: b.bodyId,
      bodyName: b.bodyName,
      categoryCode: b.categoryCode,
      ppidEmail: b.ppidEmail,
      operators: b.operators,
    })),
  };
  return { period, list };
}

export type SubmissionListing = Awaited<ReturnType<typeof listSubmissions>>;
