import type { Db } from '../../db/database.ts';
// the review's notices, not copies of their texts: the demo's outbox shows exactly what the services send
import {
  noticeAssigned,
  noticeClarificationAnswered,
  noticeClarificationAsked,
  noticeObjectionDecided,
  noticeVerificationReleased,
} from '../review/notices.ts';
import * as repo from './demo-cycle.repository.ts';

/**
 * The notices the past cycle sent (assignments, clarifications asked and answered, the release of verification,
 * objection decisions), queued through the review's own notice functions and marked delivered, so that the outbox page
 * of a fresh demo shows real mails and their texts. Returns how many causes were noticed.
 */
export async function seedPastNotices(db: Db, publicUrl: string, periodId: string): Promise<number> {
  const deps = { publicUrl };
  const causes = await repo.pastNoticeCauses(db, periodId);
  const byEvaluator = new Map<string, { commissionId: string; submissionIds: string[] }>();
  for (const a of causes.assignments) {
    const entry = byEvaluator.get(a.evaluatorId) ?? { commissionId: a.commissionId, submissionIds: [] };
    entry.submissionIds.push(a.submissionId);
    byEvaluator.set(a.evaluatorId, entry);
  }
  for (const [evaluatorId, { commissionId, submissionIds }] of byEvaluator) {
    await noticeAssigned(db, deps, { commissionId, periodId, evaluatorId, submissionIds });
  }
  for (const c of causes.clarifications) {
    await noticeClarificationAsked(db, deps, { clarificationId: c.id });
    if (c.status !== 'open') await noticeClarificationAnswered(db, deps, { clarificationId: c.id });
  }
  await noticeVerificationReleased(db, deps, { periodId });
  for (const o of causes.objections) await noticeObjectionDecided(db, deps, { objectionId: o.id });
  const commissionId = causes.assignments[0]?.commissionId;
  if (commissionId) await repo.markOutboxDelivered(db, commissionId);
  return byEvaluator.size + causes.clarifications.length + causes.objections.length + 1;
}
