import type { Db } from '../../db/database.ts';
import type { CycleActors, DemoBody } from './demo-cycle.service.ts';

/**
 * SKELETON (issue 23): the demo's earlier years, 2021-2024 for KI Pusat, through the history import: the figures of
 * fixtures/history/kip-published-results.csv where it has them, generated figures (marked as examples) elsewhere.
 */
export async function seedDemoHistory(_db: Db, _actors: CycleActors, _bodies: DemoBody[]): Promise<void> {}
