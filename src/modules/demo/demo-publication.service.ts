import type { Db } from '../../db/database.ts';
import type { CycleActors } from './demo-cycle.service.ts';

/**
 * SKELETON (issue 23): the demo's 2025 period (left at the results stage by the review's demo) published as version 1,
 * then a correction, then amended as version 2, so that the diff and a revoked certificate can be seen.
 */
export async function seedDemoPublication(
  _db: Db,
  _actors: CycleActors,
  _periodId: string,
  _now: Date,
): Promise<void> {}
