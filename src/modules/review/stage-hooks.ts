import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import type { Stage } from '../../domain/stages.ts';
import type { AppDeps } from '../../http/context.ts';
import { markProceeding } from '../panel/panel-gate.ts';
import { noticeVerificationReleased } from './notices.ts';

/**
 * What entering a stage does to the review, in the stage move's transaction (the period row is locked): the periods
 * module calls this once, so each review rule that hangs on a stage is written here, not in the stage machine.
 */
export async function onStageEntered(
  trx: Db,
  deps: AppDeps,
  _actor: Actor,
  move: { periodId: string; from: Stage; to: Stage },
): Promise<void> {
  if (move.to === 'objection') await noticeVerificationReleased(trx, deps, { periodId: move.periodId });
  if (move.to === 'presentation') await markProceeding(trx, move.periodId);
}
