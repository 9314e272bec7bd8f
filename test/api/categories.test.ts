import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, unique } from '../helpers/test-app.ts';

// Category management, the KI Pusat preset, the body import of real files (`;`, Indonesian headers, BOM) and the
// invitation of the imported bodies' PPID operators in one step (issue 25, items 1 and 9).

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(async () => ctx?.close());

const PRESET_METHODOLOGY = JSON.parse(readFileSync('fixtures/methodologies/presets.json', 'utf8')).presets[0]
  .methodology;
const KI_PUSAT = ['KEMENTERIAN', 'LNLPNK', 'LNS', 'PEMPROV', 'BUMN', 'PTN', 'PARPOL'];

async function setup(categories: string[] = []) {
  const commission = await ctx.factory.commission(categories);
  const admin = await ctx.factory.user('commission_admin', { commissionId: commission.id });
  return { cid: commission.id, cookie: admin.cookie, admin };
}

const categoriesOf = async (cid: string, cookie: string, query = '') =>
  (await ctx.request('GET', `/api/commissions/${cid}/categories${query}`, { cookie })).json.categories as {
    id: string;
    code: string;
    name: string;
    retiredAt: string | null;
    bodyCount: number;
    version: number;
  }[];

const idOf = async (cid: string, cookie: string, code: string) =>
  (await categoriesOf(cid, cookie, '?retired=true')).find((c) => c.code === code)?.id as string;

const auditEvents = async (subjectId: string) =>
  (
    await ctx.db.selectFrom('auditEvents').select('event').where('subjectId', '=', subjectId).orderBy('id').execute()
  ).map((r) => r.event);

const importCsv = (cid: string, cookie: string, csv: string) =>
  ctx.request('POST', `/api/commissions/${cid}/bodies/import`, { cookie, raw: csv, contentType: 'text/csv' });

describe('the KI Pusat preset', () => {
  it('lists the preset with its seven categories', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('GET', `/api/commissions/${cid}/categories/presets`, { cookie });
    expect(res.status).toBe(200);
    const preset = res.json.presets.find((p: { key: string }) => p.key === 'ki-pusat');
    expect(preset.categories.map((c: { code: string }) => c.code)).toEqual(KI_PUSAT);
    expect(preset.categories[1]).toEqual({ code: 'LNLPNK', name: 'Lembaga Negara dan LPNK' });
  });

  it('creates the categories a new commission lacks, skips those it has, and is idempotent', async () => {
    const { cid, cookie } = await setup(['PARPOL']);
    await ctx.db
      .updateTable('categories')
      .set({ name: 'Partai Politik Peserta Pemilu' })
      .where('commissionId', '=', cid)
      .execute();
    const first = await ctx.request('POST', `/api/commissions/${cid}/categories/preset`, {
      cookie,
      body: { key: 'ki-pusat' },
    });
    expect(first.status).toBe(200);
    expect(first.json.created).toEqual(KI_PUSAT.filter((c) => c !== 'PARPOL'));
    expect(first.json.skipped).toEqual(['PARPOL']);
    // listed in the preset's order, after the commission's own
    expect(first.json.categories.map((c: { code: string }) => c.code)).toEqual([
      'PARPOL',
      ...KI_PUSAT.filter((c) => c !== 'PARPOL'),
    ]);
    // a skipped code keeps the name the commission gave it
    expect(first.json.categories.find((c: { code: string }) => c.code === 'PARPOL').name).toBe(
      'Partai Politik Peserta Pemilu',
    );
    expect(first.json.categories.find((c: { code: string }) => c.code === 'PTN').name).toBe('Perguruan Tinggi Negeri');
    const again = await ctx.request('POST', `/api/commissions/${cid}/categories/preset`, {
      cookie,
      body: { key: 'ki-pusat' },
    });
    expect(again.status).toBe(200);
    expect(again.json.created).toEqual([]);
    expect(again.json.skipped).toEqual(KI_PUSAT);
    expect(await categoriesOf(cid, cookie)).toHaveLength(7);
    expect(await auditEvents(cid)).toEqual(['categories.preset', 'categories.preset']);
  });

  it('an unknown preset is 422 on key and creates nothing', async () => {
    const { cid, cookie } = await setup();
    const res = await ctx.request('POST', `/api/commissions/${cid}/categories/preset`, {
      cookie,
      body: { key: 'ki-mars' },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['key']);
    expect(await categoriesOf(cid, cookie)).toEqual([]);
  });

  it('only the commission admin applies it: an evaluator 403, another commission’s admin 404', async () => {
    const { cid } = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    const other = await setup();
    for (const [cookie, status] of [
      [evaluator.cookie, 403],
      [other.cookie, 404],
    ] as const) {
      const res = await ctx.request('POST', `/api/commissions/${cid}/categories/preset`, {
        cookie,
        body: { key: 'ki-pusat' },
      });
      expect(res.status).toBe(status);
    }
    expect(await ctx.db.selectFrom('categories').select('id').where('commissionId', '=', cid).execute()).toEqual([]);
  });
});

describe('renaming a category', () => {
  it('renames it, keeps its code and bodies, and audits before and after', async () => {
    const { cid, cookie } = await setup(['LNS']);
    await ctx.factory.body(cid, 'LNS');
    const id = await idOf(cid, cookie, 'LNS');
    const res = await ctx.request('PATCH', `/api/categories/${id}`, {
      cookie,
      body: { name: '  Lembaga Nonstruktural  ' },
    });
    expect(res.status).toBe(200);
    expect(res.json.category).toMatchObject({ id, code: 'LNS', name: 'Lembaga Nonstruktural', retiredAt: null });
    const [listed] = await categoriesOf(cid, cookie);
    expect(listed).toMatchObject({ code: 'LNS', name: 'Lembaga Nonstruktural', bodyCount: 1 });
    expect(await auditEvents(id)).toEqual(['category.renamed']);
  });

  it('a too short name is 422 and changes nothing; another commission’s admin gets 404, an operator 403', async () => {
    const { cid, cookie } = await setup(['LNS']);
    const body = await ctx.factory.body(cid, 'LNS');
    const id = await idOf(cid, cookie, 'LNS');
    const bad = await ctx.request('PATCH', `/api/categories/${id}`, { cookie, body: { name: 'L' } });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['name']);
    const other = await setup();
    const operator = await ctx.factory.user('body_operator', { commissionId: cid, bodyId: body.id });
    expect(
      (await ctx.request('PATCH', `/api/categories/${id}`, { cookie: other.cookie, body: { name: 'Xx' } })).status,
    ).toBe(404);
    expect(
      (await ctx.request('PATCH', `/api/categories/${id}`, { cookie: operator.cookie, body: { name: 'Xx' } })).status,
    ).toBe(403);
    expect((await ctx.request('PATCH', `/api/categories/unknown-id`, { cookie, body: { name: 'Xx' } })).status).toBe(
      404,
    );
    expect((await categoriesOf(cid, cookie))[0]?.name).not.toBe('Xx');
  });

  it('with If-Match: a rename that met another admin’s is 409 with the current row and changes nothing', async () => {
    const { cid, cookie } = await setup(['LNS']);
    const id = await idOf(cid, cookie, 'LNS');
    const [read] = await categoriesOf(cid, cookie);
    const version = read?.version as number;
    const first = await ctx.request('PATCH', `/api/categories/${id}`, {
      cookie,
      body: { name: 'Lembaga Nonstruktural' },
      headers: { 'If-Match': `"${version}"` },
    });
    expect(first.status).toBe(200);
    expect(first.json.category.version).toBe(version + 1);
    expect(first.headers.get('etag')).toBe(`"${version + 1}"`);
    // a second admin still holds the version read before the first rename
    const stale = await ctx.request('PATCH', `/api/categories/${id}`, {
      cookie,
      body: { name: 'Lembaga Non Struktural' },
      headers: { 'If-Match': `"${version}"`, 'Accept-Language': 'id' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.code).toBe('VERSION_CONFLICT');
    expect(stale.json.current).toMatchObject({ id, name: 'Lembaga Nonstruktural', version: version + 1 });
    expect(stale.json.detail).toBe('Kategori ini telah diubah orang lain sejak Anda membukanya.');
    expect((await categoriesOf(cid, cookie))[0]).toMatchObject({ name: 'Lembaga Nonstruktural', version: version + 1 });
    expect(await auditEvents(id)).toEqual(['category.renamed']);
    // the current version saves; a header that is no version is 422
    const again = await ctx.request('PATCH', `/api/categories/${id}`, {
      cookie,
      body: { name: 'Lembaga Non Struktural' },
      headers: { 'If-Match': `"${version + 1}"` },
    });
    expect(again.status).toBe(200);
    const badHeader = await ctx.request('PATCH', `/api/categories/${id}`, {
      cookie,
      body: { name: 'Lain' },
      headers: { 'If-Match': 'abc' },
    });
    expect(badHeader.status).toBe(422);
    expect((await categoriesOf(cid, cookie))[0]?.name).toBe('Lembaga Non Struktural');
  });
});

describe('retiring a category', () => {
  it('is refused while it has bodies: 409 naming how many, nothing changes', async () => {
    const { cid, cookie } = await setup(['BUMN']);
    await ctx.factory.body(cid, 'BUMN');
    await ctx.factory.body(cid, 'BUMN');
    const id = await idOf(cid, cookie, 'BUMN');
    const res = await ctx.request('DELETE', `/api/categories/${id}`, { cookie });
    expect(res.status).toBe(409);
    expect(res.json.code).toBe('CONFLICT');
    expect(res.json.bodies).toBe(2);
    expect(res.json.detail).toBe('Category BUMN still has 2 bodies; move them to another category first.');
    expect(await categoriesOf(cid, cookie)).toMatchObject([{ code: 'BUMN', retiredAt: null, bodyCount: 2 }]);
  });

  it('deletes one that nothing refers to', async () => {
    const { cid, cookie } = await setup(['PTN', 'LNS']);
    const id = await idOf(cid, cookie, 'PTN');
    const res = await ctx.request('DELETE', `/api/categories/${id}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ outcome: 'deleted', category: { code: 'PTN' } });
    expect((await categoriesOf(cid, cookie, '?retired=true')).map((c) => c.code)).toEqual(['LNS']);
    expect(await auditEvents(id)).toEqual(['category.deleted']);
    // gone: a second retirement, or a rename, is 404
    expect((await ctx.request('DELETE', `/api/categories/${id}`, { cookie })).status).toBe(404);
    expect((await ctx.request('PATCH', `/api/categories/${id}`, { cookie, body: { name: 'Perguruan' } })).status).toBe(
      404,
    );
    // its code is free again
    const again = await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'PTN', name: 'Perguruan Tinggi Negeri' },
    });
    expect(again.status).toBe(201);
  });

  it('keeps one a questionnaire refers to, retired: hidden from choices, restored by creating its code', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN', 'PARPOL']);
    const period = await ctx.request('POST', `/api/commissions/${cid}/periods`, {
      cookie,
      body: { year: 2031, title: 'Monev 2031', methodology: PRESET_METHODOLOGY },
    });
    expect(period.status).toBe(201);
    const questionnaire = await ctx.request('PUT', `/api/periods/${period.json.period.id}/questionnaires/PARPOL`, {
      cookie,
      body: {
        indicators: [
          {
            code: '1',
            title: 'Jenis Informasi',
            weight: 1,
            questions: [
              { code: '1.1', text: 'Apakah DIP tersedia?', type: 'boolean', weight: 1, evidence: 'required' },
            ],
          },
        ],
      },
    });
    expect(questionnaire.status).toBe(200);
    const id = await idOf(cid, cookie, 'PARPOL');
    const res = await ctx.request('DELETE', `/api/categories/${id}`, { cookie });
    expect(res.status).toBe(200);
    expect(res.json.outcome).toBe('retired');
    expect(res.json.category.retiredAt).toEqual(expect.any(String));
    expect((await categoriesOf(cid, cookie)).map((c) => c.code)).toEqual(['KEMENTERIAN']);
    expect((await categoriesOf(cid, cookie, '?retired=true')).map((c) => c.code)).toEqual(['KEMENTERIAN', 'PARPOL']);
    // a questionnaire for every category leaves a retired one out: it is neither copied nor replaced
    const all = await ctx.request('POST', `/api/periods/${period.json.period.id}/questionnaires/copy`, {
      cookie,
      body: { presetKey: 'ki-pusat-2025', existing: 'replace' },
    });
    expect(all.status, JSON.stringify(all.json)).toBe(200);
    expect(all.json).toMatchObject({ copied: ['KEMENTERIAN'], replaced: [], skipped: [], unavailable: [] });
    // a retired category takes no new body
    const body = await ctx.request('POST', `/api/commissions/${cid}/bodies`, {
      cookie,
      body: { name: 'Partai Contoh', categoryCode: 'PARPOL' },
    });
    expect(body.status).toBe(422);
    // creating its code again puts the same category back, with its history
    const restored = await ctx.request('POST', `/api/commissions/${cid}/categories`, {
      cookie,
      body: { code: 'PARPOL', name: 'Partai Politik' },
    });
    expect(restored.status).toBe(201);
    expect(restored.json.category).toMatchObject({ id, code: 'PARPOL', retiredAt: null });
    expect(await auditEvents(id)).toEqual(['category.retired', 'category.restored']);
  });

  it('another commission’s admin gets 404 and an evaluator 403; the category stays', async () => {
    const { cid, cookie } = await setup(['PTN']);
    const id = await idOf(cid, cookie, 'PTN');
    const other = await setup();
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    expect((await ctx.request('DELETE', `/api/categories/${id}`, { cookie: other.cookie })).status).toBe(404);
    expect((await ctx.request('DELETE', `/api/categories/${id}`, { cookie: evaluator.cookie })).status).toBe(403);
    expect(await categoriesOf(cid, cookie)).toHaveLength(1);
  });
});

describe('importing real files', () => {
  it('reads an Excel file saved in an Indonesian locale: BOM, `;`, CRLF, quoted fields, Indonesian headers', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN', 'PEMPROV']);
    const csv = [
      '\ufeffNama; Kode Kategori ;Provinsi;Situs;Email PPID',
      'Kementerian Agama;KEMENTERIAN;DKI Jakarta;https://kemenag.go.id;ppid@kemenag.go.id',
      '"Pemerintah Provinsi Jawa Barat; Sekretariat Daerah";PEMPROV;"Jawa Barat";;',
      '"Kementerian ""Contoh""";KEMENTERIAN;;;',
      '',
    ].join('\r\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    expect(
      res.json.createdBodies.map((b: { name: string; ppidEmail: string | null }) => [b.name, b.ppidEmail]),
    ).toEqual([
      ['Kementerian Agama', 'ppid@kemenag.go.id'],
      ['Pemerintah Provinsi Jawa Barat; Sekretariat Daerah', null],
      ['Kementerian "Contoh"', null],
    ]);
    const list = await ctx.request('GET', `/api/commissions/${cid}/bodies?category=PEMPROV`, { cookie });
    expect(list.json.bodies[0]).toMatchObject({ province: 'Jawa Barat', categoryCode: 'PEMPROV' });
  });

  it('takes the other Indonesian and English spellings of the headers, in any case and spacing', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN']);
    const csv =
      'KATEGORI,nama badan publik,Website,ppid_email\nKEMENTERIAN,Kementerian Sosial,https://kemensos.go.id,ppid@kemensos.go.id\n';
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(200);
    expect(res.json.created).toBe(1);
  });

  it('a `;` file with bad lines imports nothing and reports every one by its line', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN']);
    const csv = [
      'nama;kodeKategori;provinsi;situs;emailPpid', // 1
      'Badan Satu;KEMENTERIAN;;;', // 2
      'Badan Dua;TIDAKADA;;;', // 3
      'Badan Tiga;KEMENTERIAN;;bukan-situs;', // 4
      ';KEMENTERIAN;;;', // 5
      'Badan Empat;KEMENTERIAN;;;bukan-email', // 6
    ].join('\r\n');
    const res = await importCsv(cid, cookie, csv);
    expect(res.status).toBe(422);
    expect(res.json.code).toBe('INVALID_CSV');
    expect(res.json.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5, 6]);
    expect(res.json.errors[0].message).toMatch(/TIDAKADA/);
    expect(await ctx.db.selectFrom('bodies').select('id').where('commissionId', '=', cid).execute()).toEqual([]);
  });

  it('a column given twice (English and Indonesian) is a header error', async () => {
    const { cid, cookie } = await setup(['KEMENTERIAN']);
    const res = await importCsv(cid, cookie, 'nama;name;kategori\nA;B;KEMENTERIAN\n');
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([{ line: 1, message: 'Column “name” appears twice' }]);
  });

  it('serves a template (Indonesian headers, `;`) that imports as it is', async () => {
    const { cid, cookie } = await setup(['PEMPROV']);
    const res = await ctx.request('GET', `/api/commissions/${cid}/bodies/import/template`, { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toContain('attachment');
    const lines = res.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('nama;kodeKategori;provinsi;situs;emailPpid');
    expect(lines[1]).toContain(';PEMPROV;');
    const imported = await importCsv(cid, cookie, res.text);
    expect(imported.status).toBe(200);
    expect(imported.json.created).toBe(1);
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    expect(
      (await ctx.request('GET', `/api/commissions/${cid}/bodies/import/template`, { cookie: evaluator.cookie })).status,
    ).toBe(403);
  });
});

describe('inviting the imported bodies’ operators in one step', () => {
  async function imported() {
    const s = await setup(['KEMENTERIAN']);
    const tag = unique('b').toLowerCase();
    const csv = [
      'nama;kategori;emailPpid',
      `Kementerian Satu ${tag};KEMENTERIAN;ppid1-${tag}@satu.example`,
      `Kementerian Dua ${tag};KEMENTERIAN;ppid2-${tag}@dua.example`,
      `Kementerian Tiga ${tag};KEMENTERIAN;`,
    ].join('\n');
    const res = await importCsv(s.cid, s.cookie, csv);
    expect(res.status).toBe(200);
    const bodies = res.json.createdBodies as { id: string; name: string; ppidEmail: string | null }[];
    return { ...s, bodies, tag };
  }

  it('invites each address as its body’s operator, mails them, and skips a body without an address', async () => {
    const { cid, cookie, bodies, tag } = await imported();
    const res = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
      cookie,
      body: { bodyIds: bodies.map((b) => b.id) },
    });
    expect(res.status).toBe(200);
    expect(res.json.invited.map((i: { email: string }) => i.email)).toEqual([
      `ppid1-${tag}@satu.example`,
      `ppid2-${tag}@dua.example`,
    ]);
    expect(res.json.skipped).toEqual([{ bodyId: bodies[2]?.id, bodyName: bodies[2]?.name, reason: 'no_email' }]);
    const invitations = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie });
    expect(
      invitations.json.invitations
        .map((i: { role: string; bodyId: string; name: string }) => [i.role, i.bodyId, i.name])
        .sort(),
    ).toEqual(
      [
        ['body_operator', bodies[0]?.id, `PPID ${bodies[0]?.name}`],
        ['body_operator', bodies[1]?.id, `PPID ${bodies[1]?.name}`],
      ].sort(),
    );
    const mails = await ctx.db
      .selectFrom('outbox')
      .select('recipient')
      .where('recipient', 'in', [`ppid1-${tag}@satu.example`, `ppid2-${tag}@dua.example`])
      .execute();
    expect(mails).toHaveLength(2);
  });

  it('a second run invites no one twice: those invited, and those who accepted, are reported', async () => {
    const { cid, cookie, bodies } = await imported();
    const [one, two] = bodies;
    const first = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
      cookie,
      body: { bodyIds: [one?.id] },
    });
    expect(first.json.invited).toHaveLength(1);
    // the second body's operator already holds the role (accepted earlier)
    await ctx.factory.user('body_operator', { commissionId: cid, bodyId: two?.id as string });
    const again = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
      cookie,
      body: { bodyIds: [one?.id, two?.id] },
    });
    expect(again.status).toBe(200);
    expect(again.json.invited).toEqual([]);
    expect(again.json.skipped.map((s: { reason: string }) => s.reason)).toEqual([
      'already_invited',
      'already_operator',
    ]);
  });

  it('a body of another commission is 422 and no one is invited; roles are checked', async () => {
    const { cid, cookie, bodies } = await imported();
    const other = await setup(['KEMENTERIAN']);
    const foreign = await ctx.factory.body(other.cid);
    const res = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
      cookie,
      body: { bodyIds: [bodies[0]?.id, foreign.id] },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['bodyIds.1']);
    const invitations = await ctx.request('GET', `/api/commissions/${cid}/invitations`, { cookie });
    expect(invitations.json.invitations).toEqual([]);
    const evaluator = await ctx.factory.user('evaluator', { commissionId: cid });
    for (const [who, status] of [
      [evaluator.cookie, 403],
      [other.cookie, 404],
    ] as const) {
      const refused = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
        cookie: who,
        body: { bodyIds: [bodies[0]?.id] },
      });
      expect(refused.status).toBe(status);
    }
    const empty = await ctx.request('POST', `/api/commissions/${cid}/invitations/bodies`, {
      cookie,
      body: { bodyIds: [] },
    });
    expect(empty.status).toBe(422);
  });
});
