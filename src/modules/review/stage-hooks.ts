import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Stage } from '../../domain/stages.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { markProceeding } from '../panel/panel-gate.ts';
// the submissions' repository, not a service: the drafts lock in the stage move's transaction, with the period's row
// locked, so that no save or extension slips in between; the actor was authorized for the move
import { lockDraftsAfterVerification } from '../submissions/submissions.repository.ts';
import { noticeVerificationReleased } from './notices.ts';
import { pendingObjectionCount } from './objections.repository.ts';

/**
 * What entering a stage does to the review, in the stage move's transaction (the period row is locked): the periods
 * module calls this once, so each review rule that hangs on a stage is written here, not in the stage machine.
 */
export async function onStageEntered(
  trx: Db,
  deps: AppDeps,
  actor: Actor,
  move: { periodId: string; from: Stage; to: Stage },
): Promise<void> {
  // extensions end with verification: reopened drafts are locked as submitted (first, so the release tells them too)
  if (move.from === 'verification') {
    await lockDraftsAfterVerification(trx, move.periodId, actor.userId, nowOf(deps));
  }
  // the objection stage ends only once every objection is decided: one left pending could never be decided after it
  if (move.from === 'objection') {
    const pending = await pendingObjectionCount(trx, move.periodId);
    if (pending > 0) {
      throw new AppError('INVALID_TRANSITION', `${pending} objection(s) still wait for a decision.`, {
        stage: move.from,
      });
    }
  }
  if (move.to === 'objection') await noticeVerificationReleased(trx, deps, { periodId: move.periodId });
  if (move.to === 'presentation') await markProceeding(trx, move.periodId);
}
