import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { FilesTable } from '../../db/schema.ts';

/** Evidence files: their records (the bytes are in the file store), found, checked, copied and added. */

type File = Selectable<FilesTable>;

export type NewFile = Pick<File, 'commissionId' | 'submissionId' | 'name' | 'contentType' | 'sha256' | 'storageKey'> & {
  size: number;
  uploadedBy: string;
};

export type StoredFile = Pick<File, 'id' | 'name' | 'size' | 'contentType' | 'sha256'>;

/** A file with what the read check needs: its submission's tenant and body. */
export interface FileRow extends Pick<File, 'id' | 'name' | 'size' | 'contentType' | 'storageKey' | 'sha256'> {
  commissionId: string;
  bodyId: string;
  submissionId: string;
}

/** Which of these files belong to the submission (a save may attach only its own). */
export async function filesOf(db: Db, submissionId: string, ids: string[]): Promise<{ id: string }[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id'])
    .where('submissionId', '=', submissionId)
    .where('id', 'in', ids)
    .execute();
}

export async function insertFile(db: Db, values: NewFile): Promise<StoredFile> {
  return db
    .insertInto('files')
    .values(values)
    .returning(['id', 'name', 'size', 'contentType', 'sha256'])
    .executeTakeFirstOrThrow();
}

export async function findFile(db: Db, id: string): Promise<FileRow | undefined> {
  return db
    .selectFrom('files as f')
    .innerJoin('submissions as s', 's.id', 'f.submissionId')
    .select([
      'f.id',
      'f.name',
      'f.size',
      'f.contentType',
      'f.storageKey',
      'f.sha256',
      's.commissionId',
      's.bodyId',
      's.id as submissionId',
    ])
    .where('f.id', '=', id)
    .executeTakeFirst();
}

/**
 * Copies file records into another submission (carry forward: the stored bytes are shared, the records are the
 * submission's own), one new record for each id given, in one statement. The new ids come back in the order given;
 * a file that no longer exists gives undefined.
 */
export async function copyFileRecords(
  db: Db,
  fileIds: readonly string[],
  target: { submissionId: string; commissionId: string },
): Promise<(string | undefined)[]> {
  if (fileIds.length === 0) return [];
  const pairs = fileIds.map((from) => ({ from, to: crypto.randomUUID() }));
  const result = await sql<{ id: string }>`
    insert into files (id, commission_id, submission_id, name, size, content_type, sha256, storage_key, uploaded_by)
    select v.to_id, ${target.commissionId}, ${target.submissionId}, f.name, f.size, f.content_type, f.sha256,
      f.storage_key, f.uploaded_by
    from files f join (values ${sql.join(pairs.map((p) => sql`(${p.from}, ${p.to})`))}) as v(from_id, to_id)
      on f.id = v.from_id
    returning id`.execute(db);
  const copied = new Set(result.rows.map((r) => r.id));
  return pairs.map((p) => (copied.has(p.to) ? p.to : undefined));
}
