import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** What the app is given: a Kysely instance over one of the two drivers, and how to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  kind: DatabaseKind;
  close(): Promise<void>;
}

export type Db = Kysely<Database>;
