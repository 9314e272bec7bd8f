import type { Selectable } from 'kysely';
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

/** A new record of the same stored bytes for another submission (carry forward). */
export async function copyFileRecord(
  db: Db,
  fileId: string,
  target: { submissionId: string; commissionId: string },
): Promise<{ id: string } | undefined> {
  return db
    .insertInto('files')
    .columns(['commissionId', 'submissionId', 'name', 'size', 'contentType', 'sha256', 'storageKey', 'uploadedBy'])
    .expression((eb) =>
      eb
        .selectFrom('files')
        .select([
          eb.val(target.commissionId).as('commissionId'),
          eb.val(target.submissionId).as('submissionId'),
          'name',
          'size',
          'contentType',
          'sha256',
          'storageKey',
          'uploadedBy',
        ])
        .where('id', '=', fileId),
    )
    .returning('id')
    .executeTakeFirst();
}
