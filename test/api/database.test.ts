import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

/** The database handle under the app (PGlite, or PostgreSQL through our postgres.js dialect): transactions hold. */
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const code = () =>
  unique('TX')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');
const exists = async (c: string) =>
  (await ctx.db.selectFrom('commissions').select('id').where('code', '=', c).executeTakeFirst()) !== undefined;

describe('transactions', () => {
  it('commit keeps every write', async () => {
    const c = code();
    await ctx.db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('commissions')
        .values({ code: c, name: 'Komisi Transaksi', province: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('categories').values({ commissionId: row.id, code: 'LNS', name: 'Lembaga' }).execute();
    });
    expect(await exists(c)).toBe(true);
  });

  it('an error inside rolls back every write and reaches the caller', async () => {
    const c = code();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('commissions').values({ code: c, name: 'Komisi Batal', province: null }).execute();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(await exists(c)).toBe(false);
  });

  it('a failing statement rolls back the statements before it, with the database error', async () => {
    const c = code();
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('commissions').values({ code: c, name: 'Komisi Pertama', province: null }).execute();
        await trx.insertInto('commissions').values({ code: c, name: 'Komisi Kembar', province: null }).execute();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await exists(c)).toBe(false);
    // the connection is usable afterwards
    expect((await sql<{ one: number }>`select 1 as one`.execute(ctx.db)).rows).toEqual([{ one: 1 }]);
  });

  // PGlite is one connection: a read outside the transaction would wait for the transaction to end, so isolation can
  // only be seen on PostgreSQL (TEST_DATABASE_URL)
  it.skipIf(!inject('databaseUrl'))(
    'an uncommitted write is invisible outside its transaction (PostgreSQL only: PGlite has one connection)',
    async () => {
      const c = code();
      let seenOutside: boolean | undefined;
      await ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('commissions').values({ code: c, name: 'Komisi Sementara', province: null }).execute();
        seenOutside = await exists(c);
      });
      expect(seenOutside).toBe(false);
      expect(await exists(c)).toBe(true);
    },
  );

  it('concurrent transactions all land', async () => {
    const codes = Array.from({ length: 8 }, code);
    await Promise.all(
      codes.map((k) =>
        ctx.db
          .transaction()
          .execute((trx) =>
            trx.insertInto('commissions').values({ code: k, name: 'Komisi Serentak', province: null }).execute(),
          ),
      ),
    );
    for (const k of codes) expect(await exists(k)).toBe(true);
  });

  it('reports affected rows of updates and deletes', async () => {
    const c = code();
    await ctx.db.insertInto('commissions').values({ code: c, name: 'Komisi Hitung', province: null }).execute();
    const updated = await ctx.db
      .updateTable('commissions')
      .set({ province: 'Bali' })
      .where('code', '=', c)
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const none = await ctx.db
      .updateTable('commissions')
      .set({ province: 'Bali' })
      .where('code', '=', `${c}X`)
      .executeTakeFirst();
    expect(none.numUpdatedRows).toBe(0n);
  });
});
