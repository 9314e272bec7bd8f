import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import { appendAudit } from './audit.repository.ts';

/**
 * `appendAudit` appends entries to the trail, in the transaction of the change they record. The trail has no rules of
 * its own beyond being append-only (a trigger refuses UPDATE and DELETE), so the service offers the repository's
 * append as it is: other modules call it here, never in audit.repository.ts.
 */
export { type AuditEntry, appendAudit } from './audit.repository.ts';

/** What an actor's change did to one subject: its state before, after, and the reason given. */
export interface Change {
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Records that an actor changed one subject of a commission (`event`, e.g. `body.updated`), in the transaction of the
 * change: the entry most services write.
 */
export function auditChange(
  db: Db,
  actor: Actor,
  subject: { commissionId: string | null; type: string; id: string },
  event: string,
  change: Change = {},
): Promise<void> {
  return appendAudit(db, {
    actorId: actor.userId,
    commissionId: subject.commissionId,
    event,
    subjectType: subject.type,
    subjectId: subject.id,
    ...change,
  });
}
