import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

/** The cheapest statement that proves the database answers. */
export async function ping(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
