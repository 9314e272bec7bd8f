import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const HEADER = 'name,categoryCode,province,website,ppidEmail';
const code = (prefix: string) =>
  unique(prefix)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '');

async function setup(categories?: string[]) {
  const commission = await ctx.factory.commission(categories);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { commission, cid: commission.id, admin, cookie: admin.cookie };
}

const countBodies = async (cid: string) =>
  (
    await ctx.db
      .selectFrom('bodies')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('commissionId', '=', cid)
      .executeTakeFirstOrThrow()
  ).n;

const paths = (res: { json: { errors?: { path?: string }[] } }) => (res.json.errors ?? []).map((e) => e.path).sort();

const importCsv = (cid: string, cookie: string, csv: string, contentType = 'text/csv') =>
  ctx.request('POST', `/api/commissions/${cid}/bodies/import`, { cookie, raw: csv, contentType });

describe('commissions', () => {
  it('a platform admin creates a commission (201) and the creation is audited', async () => {
    const platform = await ctx.factory.user('platform_admin');
    const c = code('KIP');
    const res = await ctx.request('POST', '/api/commissions', {
      cookie: platform.cookie,
      body: { code: c, name: 'Komisi Informasi Provinsi Uji', province: 'Jawa Barat' },
    });
    expect(res.status).toBe(201);
    expect(res.json.commission).toEqual({
      id: expect.any(String),
      code: c,
      name: 'Komisi Informasi Provinsi Uji',
      province: 'Jawa Barat',
      createdAt: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(res.json.commission.createdAt))).toBe(false);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'actorId', 'commissionId'])
      .where('subjectId', '=', res.json.commission.id)
      .execute();
    expect(audit).toEqual([
      { event: 'commission.created', actorId: platform.id, commissionId: res.json.commission.id },
    ]);
    const get = await ctx.request('GET', `/api/commissions/${res.json.commission.id}`, { cookie: platform.cookie });
    expect(get.json.commission).toEqual(res.json.commission);
  });

  it('a duplicate code is 409 ALREADY_EXISTS and a malformed one 422', async () => {
    const platform = await ctx.factory.user('platform_admin');
    const c = code('DUP');
    const first = await ctx.request('POST', '/api/commissions', {
      cookie: platform.cookie,
      body: { code: c, name: 'Komisi Pertama' },
    });
    expect(first.status).toBe(201);
    const again = await ctx.request('POST', '/api/commissions', {
      cookie: platform.cookie,
      body: { code: c, name: 'Komisi Kedua' },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ALREADY_EXISTS');
    const lower = await ctx.request('POST', '/api/commissions', {
      cookie: platform.cookie,
      body: { code: 'ki pusat', name: 'K' },
    });
    expect(lower.status).toBe(422);
    expect(paths(lower)).toEqual(['code', 'name']);
  });

  it('lists only its own commissions to a commission admin, all to a platform admin', async () => {
    const { commission, cookie } = await setup();
    const other = await ctx.factory.commission();
    const own = await ctx.request('GET', '/api/commissions', { cookie });
    expect(own.status).toBe(200);
    expect(own.json.commissions.map((c: { id: string }) => c.id)).toEqual([commission.id]);
    const platform = await ctx.factory.user('platform_admin');
    const all = await ctx.request('GET', '/api/commissions', { cookie: platform.cookie });
    const ids = all.json.commissions.map((c: { id: string }) => c.id);
    expect(ids).toContain(commission.id);
    expect(ids).toContain(other.id);
  });

  it('an unknown commission is 404', async () => {
    const platform = await ctx.factory.user('platform_admin');
    const res = await ctx.request('GET', `/api/commissions/${unique('nope')}`, { cookie: platform.cookie });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('NOT_FOUND');
  });

  it('a commission admin cannot create a commission (403) and nothing is created', async () => {
    const { cookie } = await setup();
    const c = code('NO');
    const res = await ctx.request('POST', '/api/commissions', { cookie, body: { code: c, name: 'Komisi Liar' } });
    expect(res.status).toBe(403);
    expect(
      await ctx.db.selectFrom('commissions').select('id').where('code', '=', c).executeTakeFirst(),
    ).toBeUndefined();
  });
});

describe('categories', () => {
  it('creates and lists categories', async () => {
    const { cid, cookie } = await setup([]);
    const created = await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'BUMN', name: 'Badan Usaha Milik Negara' },
    });
    expect(created.status).toBe(201);
    expect(created.json.category).toEqual({
      id: expect.any(String),
      code: 'BUMN',
      name: 'Badan Usaha Milik Negara',
      retiredAt: null,
      version: 1,
    });
    await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'PTN', name: 'Perguruan Tinggi Negeri' },
    });
    const list = await ctx.request('GET', `/api/commissions/${cid}/categories`, { cookie });
    expect(list.status).toBe(200);
    expect(list.json.categories.map((c: { code: string }) => c.code)).toEqual(['BUMN', 'PTN']);
  });

  it('a duplicate code in the same commission is 409; another commission may use it', async () => {
    const { cid, cookie } = await setup(['PARPOL']);
    const dup = await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'PARPOL', name: 'Partai Politik' },
    });
    expect(dup.status).toBe(409);
    expect(dup.json.code).toBe('ALREADY_EXISTS');
    const other = await setup(['KEMENTERIAN']);
    const elsewhere = await ctx.request('POST', `/api/commissions/${other.cid}/categories`, {
      cookie: other.cookie,
      body: { code: 'PARPOL', name: 'Partai Politik' },
    });
    expect(elsewhere.status).toBe(201);
  });

  it('refuses a malformed category (422 listing both fields)', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'partai politik', name: 'P' },
    });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['code', 'name']);
  });
});

describe('bodies', () => {
  it('creates a body (201) with its category, slug and version 1, and audits it', async () => {
    const { cid, cookie, admin } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: {
        name: 'Partai Demokrasi Indonesia Perjuangan (PDIP)',
        categoryCode: 'KEMENTERIAN',
        province: 'DKI Jakarta',
        website: 'https://pdiperjuangan.id',
        ppidEmail: 'PPID@PDIPerjuangan.ID',
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.body).toMatchObject({
      id: expect.any(String),
      commissionId: cid,
      categoryCode: 'KEMENTERIAN',
      categoryName: 'Kategori KEMENTERIAN',
      name: 'Partai Demokrasi Indonesia Perjuangan (PDIP)',
      slug: 'partai-demokrasi-indonesia-perjuangan-pdip',
      province: 'DKI Jakarta',
      website: 'https://pdiperjuangan.id',
      ppidEmail: 'ppid@pdiperjuangan.id',
      version: 1,
    });
    const get = await ctx.request('GET', `/api/bodies/${res.json.body.id}`, { cookie });
    expect(get.status).toBe(200);
    expect(get.json.body).toEqual(res.json.body);
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'actorId', 'commissionId', 'subjectType', 'after'])
      .where('subjectId', '=', res.json.body.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      event: 'body.created',
      actorId: admin.id,
      commissionId: cid,
      subjectType: 'body',
      after: expect.objectContaining({ name: 'Partai Demokrasi Indonesia Perjuangan (PDIP)' }),
    });
  });

  it('a name already registered, ignoring case and spacing, is 409 on path name', async () => {
    const { cid, cookie } = await setup();
    const first = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: 'Badan Pusat Statistik', categoryCode: 'KEMENTERIAN' },
    });
    expect(first.status).toBe(201);
    const again = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: '  badan   PUSAT statistik ', categoryCode: 'PEMPROV' },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ALREADY_EXISTS');
    expect(paths(again)).toEqual(['name']);
    expect(await countBodies(cid)).toBe(1);
    // the same name in another commission is another body
    const other = await setup();
    const elsewhere = await ctx.request('POST', `/api/commissions/${other.cid}/bodies`, {
      cookie: other.cookie,
      body: { name: 'Badan Pusat Statistik', categoryCode: 'KEMENTERIAN' },
    });
    expect(elsewhere.status).toBe(201);
  });

  it('an unknown category is 422 on path categoryCode', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: 'Badan Tanpa Kategori', categoryCode: 'TIDAKADA' },
    });
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('VALIDATION_FAILED');
    expect(paths(res)).toEqual(['categoryCode']);
    // a category of another commission is unknown here too
    const other = await setup(['LNS']);
    const foreign = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: 'Badan Kategori Asing', categoryCode: 'LNS' },
    });
    expect(foreign.status).toBe(422);
    expect(await countBodies(cid)).toBe(0);
    expect(await countBodies(other.cid)).toBe(0);
  });

  it('lists, searches by name (case-insensitive), filters by category, pages and counts', async () => {
    const { cid, cookie } = await setup();
    for (const name of ['Badan E', 'Badan A', 'Badan C', 'Badan B', 'Badan D']) {
      await ctx.factory.body(cid, 'KEMENTERIAN', name);
    }
    await ctx.factory.body(cid, 'PEMPROV', 'Pemerintah Provinsi Jawa Tengah');
    await ctx.factory.body(cid, 'PEMPROV', 'Pemerintah Provinsi Bali');
    const list = (query = '') => ctx.request('GET', `/api/commissions/${cid}/bodies${query}`, { cookie });
    const names = (res: { json: { bodies: { name: string }[] } }) => res.json.bodies.map((b) => b.name);

    const all = await list();
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(7);
    expect(names(all)).toEqual([
      'Badan A',
      'Badan B',
      'Badan C',
      'Badan D',
      'Badan E',
      'Pemerintah Provinsi Bali',
      'Pemerintah Provinsi Jawa Tengah',
    ]);

    const search = await list('?q=PROVINSI%20ja');
    expect(names(search)).toEqual(['Pemerintah Provinsi Jawa Tengah']);
    expect(search.json.total).toBe(1);

    const category = await list('?category=PEMPROV');
    expect(names(category)).toEqual(['Pemerintah Provinsi Bali', 'Pemerintah Provinsi Jawa Tengah']);
    expect(category.json.total).toBe(2);
    expect((await list('?category=PEMPROV&q=badan')).json).toEqual({ bodies: [], total: 0 });

    const page1 = await list('?category=KEMENTERIAN&limit=2');
    expect(names(page1)).toEqual(['Badan A', 'Badan B']);
    expect(page1.json.total).toBe(5);
    const page2 = await list('?category=KEMENTERIAN&limit=2&offset=2');
    expect(names(page2)).toEqual(['Badan C', 'Badan D']);
    const page3 = await list('?category=KEMENTERIAN&limit=2&offset=4');
    expect(names(page3)).toEqual(['Badan E']);
    expect(page3.json.total).toBe(5);
    expect(names(await list('?offset=100'))).toEqual([]);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const { cid, cookie } = await setup();
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan 100% Terbuka');
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan Lain');
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan_Garis');
    const pct = await ctx.request('GET', `/api/commissions/${cid}/bodies?q=%25`, { cookie });
    expect(pct.json.bodies.map((b: { name: string }) => b.name)).toEqual(['Badan 100% Terbuka']);
    const under = await ctx.request('GET', `/api/commissions/${cid}/bodies?q=_`, { cookie });
    expect(under.json.bodies.map((b: { name: string }) => b.name)).toEqual(['Badan_Garis']);
  });

  it('refuses a limit over 1000 and a negative offset (422)', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('GET', `/api/commissions/${cid}/bodies?limit=1001&offset=-1`, { cookie });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['query.limit', 'query.offset']);
  });

  it('an unknown body is 404', async () => {
    const { cookie } = await setup();
    const res = await ctx.request('GET', `/api/bodies/${unique('nope')}`, { cookie });
    expect(res.status).toBe(404);
    expect(res.json.code).toBe('NOT_FOUND');
  });
});

describe('editing a body', () => {
  async function withBody() {
    const s = await setup();
    const body = await ctx.factory.body(s.cid, 'KEMENTERIAN', unique('Kementerian Uji '));
    return { ...s, body };
  }
  const patch = (bid: string, cookie: string, body: unknown, ifMatch?: string) =>
    ctx.request('PATCH', `/api/bodies/${bid}`, {
      cookie,
      body,
      ...(ifMatch ? { headers: { 'if-match': ifMatch } } : {}),
    });

  it('with the current If-Match: 200, version + 1, ETag, and an audit row with before and after', async () => {
    const { body, cookie, admin, cid } = await withBody();
    const res = await patch(body.id, cookie, { website: 'https://kemenkeu.go.id', categoryCode: 'PEMPROV' }, '1');
    expect(res.status).toBe(200);
    expect(res.json.body).toMatchObject({ website: 'https://kemenkeu.go.id', categoryCode: 'PEMPROV', version: 2 });
    expect(res.headers.get('etag')).toBe('"2"');
    // the ETag round-trips as If-Match
    const next = await patch(body.id, cookie, { province: 'DKI Jakarta' }, res.headers.get('etag')!);
    expect(next.status).toBe(200);
    expect(next.json.body.version).toBe(3);

    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'actorId', 'commissionId', 'before', 'after'])
      .where('subjectType', '=', 'body')
      .where('subjectId', '=', body.id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.event)).toEqual(['body.updated', 'body.updated']);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      commissionId: cid,
      before: expect.objectContaining({ website: null, version: 1, categoryCode: 'KEMENTERIAN' }),
      after: { website: 'https://kemenkeu.go.id', categoryCode: 'PEMPROV' },
    });
  });

  it('with a stale If-Match: 409 VERSION_CONFLICT carrying the current body, and nothing changes', async () => {
    const { body, cookie } = await withBody();
    expect((await patch(body.id, cookie, { province: 'Banten' }, '1')).status).toBe(200);
    const stale = await patch(body.id, cookie, { province: 'Papua', website: 'https://stale.example' }, '1');
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('VERSION_CONFLICT');
    expect(stale.json.current).toMatchObject({ id: body.id, province: 'Banten', website: null, version: 2 });
    const now = await ctx.request('GET', `/api/bodies/${body.id}`, { cookie });
    expect(now.json.body).toMatchObject({ province: 'Banten', website: null, version: 2 });
    const audits = await ctx.db
      .selectFrom('auditEvents')
      .select('id')
      .where('subjectId', '=', body.id)
      .where('event', '=', 'body.updated')
      .execute();
    expect(audits).toHaveLength(1);
  });

  it('without If-Match the edit applies (last write wins)', async () => {
    const { body, cookie } = await withBody();
    const res = await patch(body.id, cookie, { ppidEmail: 'ppid@kementerian.go.id', province: null });
    expect(res.status).toBe(200);
    expect(res.json.body).toMatchObject({ ppidEmail: 'ppid@kementerian.go.id', province: null, version: 2 });
  });

  it('an If-Match that is not a version is 422 and changes nothing', async () => {
    const { body, cookie } = await withBody();
    const res = await patch(body.id, cookie, { province: 'Aceh' }, 'abc');
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['header.if-match']);
    expect((await ctx.request('GET', `/api/bodies/${body.id}`, { cookie })).json.body.version).toBe(1);
  });

  it('renaming to a name taken in the commission is 409; renaming updates the slug', async () => {
    const { body, cookie, cid } = await withBody();
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan Siber dan Sandi Negara');
    const taken = await patch(body.id, cookie, { name: 'badan siber dan  sandi negara' });
    expect(taken.status).toBe(409);
    expect(paths(taken)).toEqual(['name']);
    const renamed = await patch(body.id, cookie, { name: 'Lembaga Kebijakan Pengadaan (LKPP)' });
    expect(renamed.status).toBe(200);
    expect(renamed.json.body.slug).toBe('lembaga-kebijakan-pengadaan-lkpp');
  });

  it('refuses bad values all at once (422) and an unknown category (422)', async () => {
    const { body, cookie } = await withBody();
    const bad = await patch(body.id, cookie, { name: '', website: 'ftp://files.example', ppidEmail: 'not-an-email' });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['name', 'ppidEmail', 'website']);
    const unknown = await patch(body.id, cookie, { categoryCode: 'TIDAKADA' });
    expect(unknown.status).toBe(422);
    expect(paths(unknown)).toEqual(['categoryCode']);
    expect((await ctx.request('GET', `/api/bodies/${body.id}`, { cookie })).json.body.version).toBe(1);
  });

  it('an unknown body is 404', async () => {
    const { cookie } = await setup();
    expect((await patch(unique('nope'), cookie, { province: 'Aceh' })).status).toBe(404);
  });
});

describe('audit trail', () => {
  it('refuses UPDATE and DELETE of its rows', async () => {
    const { cid, cookie } = await setup();
    const created = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: 'Badan Audit', categoryCode: 'KEMENTERIAN' },
    });
    const row = await ctx.db
      .selectFrom('auditEvents')
      .select(['id', 'event'])
      .where('subjectId', '=', created.json.body.id)
      .executeTakeFirstOrThrow();
    await expect(sql`update audit_events set event = 'tampered' where id = ${row.id}`.execute(ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_events where id = ${row.id}`.execute(ctx.db)).rejects.toThrow(/append-only/);
    const after = await ctx.db
      .selectFrom('auditEvents')
      .select(['id', 'event'])
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual(row);
  });
});

describe('CSV import', () => {
  it('creates new bodies and updates those matched by name ignoring case and spacing', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN', 'PEMPROV', 'LNS']);
    const bps = await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan Pusat Statistik');
    const kemenkeu = await ctx.factory.body(cid, 'KEMENTERIAN', 'Kementerian Keuangan');
    const csv = [
      HEADER,
      'badan  pusat   STATISTIK,KEMENTERIAN,DKI Jakarta,https://bps.go.id,ppid@bps.go.id',
      'Kementerian Keuangan,KEMENTERIAN,,,',
      '"Badan Meteorologi, Klimatologi, dan Geofisika",LNS,DKI Jakarta,https://bmkg.go.id,PPID@BMKG.GO.ID',
      'Pemerintah Provinsi Jawa Barat,PEMPROV,Jawa Barat,,',
    ].join('\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 2, updated: 1, unchanged: 1 });

    const updated = await ctx.request('GET', `/api/bodies/${bps.id}`, { cookie });
    expect(updated.json.body).toMatchObject({
      website: 'https://bps.go.id',
      ppidEmail: 'ppid@bps.go.id',
      province: 'DKI Jakarta',
      version: 2,
    });
    expect((await ctx.request('GET', `/api/bodies/${kemenkeu.id}`, { cookie })).json.body.version).toBe(1);
    const list = await ctx.request('GET', `/api/commissions/${cid}/bodies?category=LNS`, { cookie });
    expect(list.json.bodies).toHaveLength(1);
    expect(list.json.bodies[0]).toMatchObject({
      name: 'Badan Meteorologi, Klimatologi, dan Geofisika',
      slug: 'badan-meteorologi-klimatologi-dan-geofisika',
      ppidEmail: 'ppid@bmkg.go.id',
    });
    expect(await countBodies(cid)).toBe(4);

    // importing the same file again changes nothing
    expect((await importCsv(cid, cookie, csv)).json).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const audit = await ctx.db
      .selectFrom('auditEvents')
      .select(['event', 'after'])
      .where('commissionId', '=', cid)
      .where('event', '=', 'bodies.imported')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.after)).toEqual([
      { created: 2, updated: 1, lines: 4 },
      { created: 0, updated: 0, lines: 4 },
    ]);
  });

  it('accepts a Windows file: BOM, CRLF, columns in another order, optional columns left out', async () => {
    const { cid, cookie } = await setup();
    const csv = '\ufeffcategoryCode,name\r\nPEMPROV,Pemerintah Provinsi Bali\r\nKEMENTERIAN,"Kementerian\r\nAgama"\r\n';
    const res = await importCsv(cid, cookie, csv, 'text/csv; charset=utf-8');
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const list = await ctx.request('GET', `/api/commissions/${cid}/bodies?category=PEMPROV`, { cookie });
    expect(list.json.bodies.map((b: { name: string }) => b.name)).toEqual(['Pemerintah Provinsi Bali']);
  });

  it('a file with bad lines imports nothing and lists every problem with its line', async () => {
    const { cid, cookie } = await setup();
    await ctx.factory.body(cid, 'KEMENTERIAN', 'Badan Yang Sudah Ada');
    const csv = [
      HEADER, // 1
      'Badan Satu,KEMENTERIAN,DKI Jakarta,https://satu.go.id,ppid@satu.go.id', // 2
      'Badan Dua,TIDAKADA,,,', // 3 unknown category
      'Badan Tiga,PEMPROV,,,', // 4
      'Badan Empat,KEMENTERIAN,,,bukan-email', // 5 bad e-mail
      'badan   SATU,KEMENTERIAN,,,', // 6 the same body as line 2
      ',KEMENTERIAN,,,', // 7 no name
      'Badan Yang Sudah Ada,KEMENTERIAN,,,', // 8 fine: an update
    ].join('\n');
    const before = await countBodies(cid);
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('INVALID_CSV');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const errors = res.json.errors as { line: number; message: string }[];
    expect(errors.map((e) => e.line)).toEqual([3, 5, 6, 7]);
    expect(errors[0]!.message).toMatch(/categoryCode/);
    expect(errors[0]!.message).toMatch(/TIDAKADA/);
    expect(errors[1]!.message).toMatch(/ppidEmail/);
    expect(errors[2]!.message).toMatch(/line 2/);
    expect(errors[3]!.message).toMatch(/^name/);
    expect(await countBodies(cid)).toBe(before);
    const ada = await ctx.db
      .selectFrom('bodies')
      .select('version')
      .where('commissionId', '=', cid)
      .where('name', '=', 'Badan Yang Sudah Ada')
      .executeTakeFirstOrThrow();
    expect(ada.version).toBe(1);
  });

  it('reports the physical line after a quoted multi-line field, and a line with too many fields', async () => {
    const { cid, cookie } = await setup();
    const csv = [
      HEADER, // 1
      '"Dinas Komunikasi,\nInformatika,\ndan Statistik",PEMPROV,"Jawa\r\nTimur",,', // 2-5
      'Badan Lima,KEMENTERIAN,,,ppid@@lima', // 6
      'Badan Enam,KEMENTERIAN,,,,kolom lebih', // 7
    ].join('\r\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { line: 6, message: expect.stringMatching(/ppidEmail/) },
      { line: 7, message: expect.stringMatching(/6 fields/) },
    ]);
    expect(await countBodies(cid)).toBe(0);
  });

  it('a malformed file (an unclosed quote) is 400 MALFORMED_CSV naming the line', async () => {
    const { cid, cookie } = await setup();
    const csv = `${HEADER}\nBadan Satu,KEMENTERIAN,,,\n"Badan Dua,KEMENTERIAN,,,\nBadan Tiga,KEMENTERIAN,,,\n`;
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(400);
    expect(res.json.code).toBe('MALFORMED_CSV');
    expect(res.json.errors).toEqual([{ line: 3, message: expect.stringMatching(/quote/i) }]);
    expect(await countBodies(cid)).toBe(0);
  });

  it('a wrong header is 422 naming the column', async () => {
    const { cid, cookie } = await setup();
    // `nama` and `provinsi` are accepted (Indonesian headers, issue 25); these two are not
    const res = await importCsv(cid, cookie, 'namanya,categoryCode,provinsinya\nBadan Satu,KEMENTERIAN,Aceh\n');
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('INVALID_CSV');
    const messages = res.json.errors.map((e: { line: number; message: string }) => {
      expect(e.line).toBe(1);
      return e.message;
    });
    expect(messages.some((m: string) => m.includes('namanya'))).toBe(true);
    expect(messages.some((m: string) => m.includes('provinsinya'))).toBe(true);
    expect(messages.some((m: string) => /Missing column .name/.test(m))).toBe(true);
    expect(await countBodies(cid)).toBe(0);
  });

  it('an empty file is 422', async () => {
    const { cid, cookie } = await setup();
    const res = await importCsv(cid, cookie, '');
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ line: 1, message: expect.any(String) }]);
  });

  it('a header-only file imports nothing and succeeds', async () => {
    const { cid, cookie } = await setup();
    expect((await importCsv(cid, cookie, `${HEADER}\n`)).json).toMatchObject({ created: 0, updated: 0, unchanged: 0 });
  });

  const dinasLines = (count: number, province = 'Provinsi') => {
    const lines = [HEADER];
    for (let i = 1; i <= count; i++) {
      lines.push(
        `Dinas Uji Nomor ${i},${i % 2 ? 'KEMENTERIAN' : 'PEMPROV'},${province} ${i % 38},https://dinas${i}.go.id,ppid${i}@dinas.go.id`,
      );
    }
    return lines.join('\n');
  };

  it('imports 5,000 lines in one go, and updates them all in a second', async () => {
    const { cid, cookie } = await setup();
    let started = performance.now();
    const res = await importCsv(cid, cookie, dinasLines(5000));
    const createMs = Math.round(performance.now() - started);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 5000, updated: 0, unchanged: 0 });
    expect(await countBodies(cid)).toBe(5000);
    const page = await ctx.request('GET', `/api/commissions/${cid}/bodies?q=nomor%204999`, { cookie });
    expect(page.json.bodies.map((b: { name: string }) => b.name)).toEqual(['Dinas Uji Nomor 4999']);

    started = performance.now();
    const again = await importCsv(cid, cookie, dinasLines(5000, 'Prov.'));
    const updateMs = Math.round(performance.now() - started);
    expect(again.json).toMatchObject({ created: 0, updated: 5000, unchanged: 0 });
    expect(page.json.bodies[0].province).toBe(`Provinsi ${4999 % 38}`);
    const changed = await ctx.request('GET', `/api/bodies/${page.json.bodies[0].id}`, { cookie });
    expect(changed.json.body).toMatchObject({ province: `Prov. ${4999 % 38}`, version: 2 });
    console.log(`5,000-line import (${ctx.deps.databaseKind}): create ${createMs} ms, update ${updateMs} ms`);
  });

  it('imports more lines than one SQL statement can carry (12,000 x 8 values > 65,535 parameters)', async () => {
    const { cid, cookie } = await setup();
    const res = await importCsv(cid, cookie, dinasLines(12_000));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 12_000, updated: 0, unchanged: 0 });
    expect(await countBodies(cid)).toBe(12_000);
  });
});

describe('users and invitations', () => {
  const inviteBody = (role: string, extra: Record<string, unknown> = {}) => ({
    email: `${unique(role)}@test.example`.toLowerCase(),
    name: `Calon ${role}`,
    role,
    ...extra,
  });

  it('invites an evaluator, a leader and a PPID operator of a body', async () => {
    const { cid, cookie } = await setup();
    const body = await ctx.factory.body(cid);
    for (const [role, extra] of [
      ['evaluator', {}],
      ['leadership', {}],
      ['commission_admin', {}],
      ['body_operator', { bodyId: body.id }],
    ] as const) {
      const input = inviteBody(role, extra);
      const res = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: input });
      expect(res.status, role).toBe(201);
      // nothing is granted before the invitation is accepted
      expect(res.json.user).toEqual({ id: expect.any(String), email: input.email, name: input.name, roles: [] });
      expect(
        await ctx.db.selectFrom('memberships').select('id').where('userId', '=', res.json.user.id).execute(),
      ).toEqual([]);
      const accepted = await ctx.request('POST', `/api/auth/invitations/${res.json.invitation.token}/accept`, {
        body: { password: 'kata sandi yang baru' },
        headers: { 'x-test-ip': unique('10.') },
      });
      expect(accepted.json.user).toMatchObject({
        id: res.json.user.id,
        email: input.email,
        name: input.name,
        roles: [{ role, commissionId: cid, ...extra }],
      });
      const membership = await ctx.db
        .selectFrom('memberships')
        .select(['role', 'commissionId', 'bodyId'])
        .where('userId', '=', res.json.user.id)
        .executeTakeFirstOrThrow();
      expect(membership).toEqual({ role, commissionId: cid, bodyId: 'bodyId' in extra ? extra.bodyId : null });
    }
  });

  it('a PPID operator needs a body of this commission (422 on bodyId); other roles take none', async () => {
    const { cid, cookie } = await setup();
    const other = await setup();
    const foreignBody = await ctx.factory.body(other.cid);
    const ownBody = await ctx.factory.body(cid);
    const cases = [
      inviteBody('body_operator'),
      inviteBody('body_operator', { bodyId: foreignBody.id }),
      inviteBody('body_operator', { bodyId: unique('no-body') }),
      inviteBody('evaluator', { bodyId: ownBody.id }),
    ];
    for (const input of cases) {
      const res = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: input });
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual(['bodyId']);
      expect(
        await ctx.db.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst(),
      ).toBeUndefined();
    }
  });

  it('refuses a platform_admin role and a malformed invitation (422 listing every field)', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${cid}/users`, {
      cookie,
      body: { email: 'nope', name: 'X', role: 'platform_admin' },
    });
    expect(res.status).toBe(422);
    expect(paths(res)).toEqual(['email', 'name', 'role']);
  });

  it('the same role twice is 409; another role for the same person reuses the account', async () => {
    const { cid, cookie } = await setup();
    const input = inviteBody('evaluator');
    const first = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: input });
    expect(first.status).toBe(201);
    const again = await ctx.request('POST', `/api/commissions/${cid}/users`, {
      cookie,
      body: { ...input, email: input.email.toUpperCase() },
    });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('ALREADY_EXISTS');
    const invitations = await ctx.db.selectFrom('invitations').select('id').where('userId', '=', first.json.user.id);
    expect(await invitations.execute()).toHaveLength(1);
    const leader = await ctx.request('POST', `/api/commissions/${cid}/users`, {
      cookie,
      body: { ...input, role: 'leadership' },
    });
    expect(leader.status).toBe(201);
    expect(leader.json.user.id).toBe(first.json.user.id);
  });

  it('lists users with their roles and invitations whose status moves from pending to accepted', async () => {
    const { cid, cookie, admin } = await setup();
    const body = await ctx.factory.body(cid, 'KEMENTERIAN', 'Kementerian Sosial');
    const evaluator = inviteBody('evaluator');
    const operator = inviteBody('body_operator', { bodyId: body.id });
    const invited = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: evaluator });
    const invitedOperator = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: operator });
    const accept = (token: string, password: string) =>
      ctx.request('POST', `/api/auth/invitations/${token}/accept`, {
        body: { password },
        headers: { 'x-test-ip': unique('10.') },
      });

    // pending invitations grant no role: the invitees are not among the commission's people yet
    const users = await ctx.request('GET', `/api/commissions/${cid}/users`, { cookie });
    expect(users.status).toBe(200);
    expect(users.json.users.map((u: { email: string }) => u.email)).toEqual([admin.email]);
    expect(users.json.users[0]).toMatchObject({ active: true, roles: [{ role: 'commission_admin' }] });

    let list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie });
    expect(list.status).toBe(200);
    expect(list.json.invitations).toHaveLength(2);
    const evaluatorRow = () =>
      list.json.invitations.find((i: { email: string }) => i.email === evaluator.email) as Record<string, unknown>;
    expect(evaluatorRow()).toMatchObject({ role: 'evaluator', status: 'pending', usedAt: null, bodyId: null });
    expect(list.json.invitations.find((i: { email: string }) => i.email === operator.email)).toMatchObject({
      role: 'body_operator',
      bodyName: 'Kementerian Sosial',
      status: 'pending',
    });

    expect((await accept(invited.json.invitation.token, 'kata sandi evaluator')).status).toBe(200);
    expect((await accept(invitedOperator.json.invitation.token, 'kata sandi operator')).status).toBe(200);
    list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie });
    expect(evaluatorRow()).toMatchObject({ status: 'accepted', usedAt: expect.any(String) });
    const after = await ctx.request('GET', `/api/commissions/${cid}/users`, { cookie });
    const byEmail = new Map(after.json.users.map((u: { email: string }) => [u.email, u]));
    expect(byEmail.get(evaluator.email)).toMatchObject({ active: true, roles: [{ role: 'evaluator' }] });
    expect(byEmail.get(operator.email)).toMatchObject({
      active: true,
      roles: [{ role: 'body_operator', bodyId: body.id, bodyName: 'Kementerian Sosial' }],
    });

    // an invitation past its date shows as expired
    const late = inviteBody('leadership');
    await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: late });
    await ctx.db
      .updateTable('invitations')
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where('commissionId', '=', cid)
      .where('usedAt', 'is', null)
      .execute();
    list = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie });
    expect(list.json.invitations.find((i: { email: string }) => i.email === late.email).status).toBe('expired');
  });

  it('does not list another commission’s users or invitations', async () => {
    const { cid, cookie, admin } = await setup();
    const other = await setup();
    await ctx.request('POST', `/api/commissions/${other.cid}/users`, {
      cookie: other.cookie,
      body: inviteBody('evaluator'),
    });
    const users = await ctx.request('GET', `/api/commissions/${cid}/users`, { cookie });
    expect(users.json.users.map((u: { email: string }) => u.email)).toEqual([admin.email]);
    expect((await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie })).json.invitations).toEqual([]);
    expect((await ctx.request('GET', `/api/commissions/${other.cid}/users`, { cookie })).status).toBe(404);
    expect((await ctx.request('GET', `/api/commissions/${other.cid}/invitations`, { cookie })).status).toBe(404);
  });

  it('a new user signs in with the password chosen on acceptance', async () => {
    const { cid, cookie } = await setup();
    const input = inviteBody('leadership');
    const invited = await ctx.request('POST', `/api/commissions/${cid}/users`, { cookie, body: input });
    await ctx.request('POST', `/api/auth/invitations/${invited.json.invitation.token}/accept`, {
      body: { password: 'pimpinan-komisi-2026' },
      headers: { 'x-test-ip': unique('10.') },
    });
    const login = await ctx.request('POST', '/api/auth/login', {
      body: { email: input.email, password: 'pimpinan-komisi-2026' },
      headers: { 'x-test-ip': unique('10.') },
    });
    expect(login.status).toBe(200);
    expect(login.json.user.roles).toMatchObject([{ role: 'leadership', commissionId: cid }]);
  });
});

describe('CSV import reports every problem of a line', () => {
  it('a line with a bad e-mail and an unknown category gets both; a missing name says required', async () => {
    const { cid, cookie } = await setup();
    const csv = [
      'name,categoryCode,province,website,ppidEmail',
      'Dinas Satu,NOPE,,,bukan-email',
      ',KEMENTERIAN,,,',
      'Dinas Satu,KEMENTERIAN,,javascript:alert(1),',
    ].join('\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { line: 2, message: expect.stringMatching(/^ppidEmail: /) },
      { line: 2, message: 'categoryCode: unknown category NOPE' },
      { line: 3, message: 'name: required' },
      { line: 4, message: expect.stringMatching(/^website: /) },
      { line: 4, message: 'name: the same body as line 2' },
    ]);
    expect(await countBodies(cid)).toBe(0);
  });
});
