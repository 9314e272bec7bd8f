import type { Db } from '../../db/database.ts';
import { jsonb } from '../../db/json.ts';

export interface AuditEntry {
  actorId: string | null;
  commissionId: string | null;
  event: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  /** When it happened, when that is not now (the demo lays its past cycle on its own dates). */
  at?: Date;
}

/** Appends to the audit trail (append-only table); call inside the transaction of the change it records. */
export async function appendAudit(db: Db, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  await db
    .insertInto('auditEvents')
    .values(
      list.map((e) => ({
        actorId: e.actorId,
        commissionId: e.commissionId,
        event: e.event,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        before: e.before === undefined ? null : jsonb(e.before),
        after: e.after === undefined ? null : jsonb(e.after),
        reason: e.reason ?? null,
        ...(e.at ? { at: e.at } : {}),
      })),
    )
    .execute();
}
