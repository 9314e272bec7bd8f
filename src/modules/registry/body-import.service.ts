import type { Actor } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError, type ProblemDetail, validationFailed } from '../../http/errors.ts';
import { issueDetail } from '../../http/messages.ts';
import { LIMIT } from '../../http/openapi.ts';
import { badText } from '../../http/text-guard.ts';
import { parseCsv } from '../../lib/csv.ts';
import { nameKey, slugify } from '../../lib/text.ts';
import { auditChange } from '../audit/audit.service.ts';
import * as repo from './registry.repository.ts';
import { CreateBodySchema } from './registry.schemas.ts';
import { categoryIdsByCode, ensureCommission, newBodyRow } from './registry.service.ts';
import { inviteUser } from './users.service.ts';

const IMPORT_COLUMNS = ['name', 'categoryCode', 'province', 'website', 'ppidEmail'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Column headers accepted for each column, in English and Indonesian, compared folded (`headerKey`: case, spaces,
 * `_`, `-` and `.` ignored), so `Nama`, `Kode Kategori`, `E-mail PPID` and `ppidEmail` all read.
 */
const COLUMN_ALIASES: Record<ImportColumn, string[]> = {
  name: ['name', 'nama', 'namabadanpublik', 'badanpublik'],
  categoryCode: ['categorycode', 'category', 'kodekategori', 'kategori'],
  province: ['province', 'provinsi'],
  website: ['website', 'situs', 'situsweb', 'laman', 'alamatsitus'],
  ppidEmail: ['ppidemail', 'emailppid', 'email', 'surel', 'surelppid'],
};

const headerKey = (field: string) => field.toLowerCase().replace(/[\s_.-]+/g, '');

const COLUMN_BY_HEADER = new Map(
  IMPORT_COLUMNS.flatMap((column) => COLUMN_ALIASES[column].map((alias) => [alias, column] as const)),
);

/** The template offered for download: the Indonesian headers, `;`-separated as Excel in Indonesia saves it. */
export const IMPORT_TEMPLATE_HEADER = 'nama;kodeKategori;provinsi;situs;emailPpid';

/** The template CSV with one example line in the commission's first category (BOM first, so Excel reads UTF-8). */
export async function importTemplate(deps: AppDeps, actor: Actor, commissionId: string) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const [first] = await repo.listCategories(deps.db, commissionId);
  const example = [
    'Dinas Komunikasi dan Informatika Contoh',
    first?.code ?? 'KODE',
    'DKI Jakarta',
    'https://contoh.go.id',
    'ppid@contoh.go.id',
  ];
  return `\uFEFF${IMPORT_TEMPLATE_HEADER}\r\n${example.join(';')}\r\n`;
}

/**
 * Imports bodies from CSV (`name,categoryCode,province,website,ppidEmail`, header on line 1; `,` or `;` separated,
 * headers in English or Indonesian, see COLUMN_ALIASES). The whole file is checked first: any bad line imports nothing and every problem is reported with its line. A name already
 * registered (ignoring case and spacing) updates that body.
 */
export async function importBodies(deps: AppDeps, actor: Actor, commissionId: string, text: string) {
  authorize(actor, 'registry.write', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const records = parseCsv(text);
  const header = records.shift();
  if (!header)
    throw new AppError('INVALID_CSV', 'The file is empty.', { errors: [{ line: 1, message: 'No header line' }] });
  // a NUL cannot be stored (the edge refuses it in JSON; here it is a line of the file): named by line, nothing imported
  const unstorable: ProblemDetail[] = [];
  for (const record of [header, ...records]) {
    const message = record.fields.map(badText).find((m) => m !== undefined);
    if (message) unstorable.push({ line: record.line, message });
  }
  if (unstorable.length > 0) {
    throw new AppError(
      'INVALID_CSV',
      `${unstorable.length} line(s) hold text that cannot be stored; nothing was imported.`,
      {
        errors: unstorable,
      },
    );
  }
  const errors: ProblemDetail[] = [];
  const index = new Map<ImportColumn, number>();
  header.fields.forEach((field, i) => {
    const column = COLUMN_BY_HEADER.get(headerKey(field));
    if (!column)
      errors.push({ line: header.line, message: `Unknown column “${field}”; expected ${IMPORT_COLUMNS.join(',')}` });
    else if (index.has(column)) errors.push({ line: header.line, message: `Column “${field}” appears twice` });
    else index.set(column, i);
  });
  for (const required of ['name', 'categoryCode'] as const) {
    if (!index.has(required)) errors.push({ line: header.line, message: `Missing column “${required}”` });
  }
  if (errors.length > 0) throw new AppError('INVALID_CSV', 'The header line is wrong.', { errors });

  const categories = await categoryIdsByCode(deps, commissionId);
  const seen = new Map<string, number>();
  const valid: {
    line: number;
    row: {
      name: string;
      categoryCode: string;
      province?: string | undefined;
      website?: string | undefined;
      ppidEmail?: string | undefined;
    };
  }[] = [];
  for (const record of records) {
    const raw: Record<string, string | undefined> = {};
    for (const [column, i] of index) {
      const value = record.fields[i];
      raw[column] = value === undefined || value === '' ? undefined : value;
    }
    if (record.fields.length > header.fields.length) {
      errors.push({
        line: record.line,
        message: `${record.fields.length} fields; the header has ${header.fields.length}`,
      });
    }
    // every problem of the line at once: field rules, then the category and duplicates on whatever is readable
    const parsed = CreateBodySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.join('.') || 'line';
        const missing = raw[field] === undefined && (field === 'name' || field === 'categoryCode');
        // the issue rides along so that the answer words it in the caller's language, the column by its label
        const message = `${field}: ${missing ? 'required' : issue.message}`;
        errors.push(issueDetail({ line: record.line, message }, missing ? undefined : issue, field));
      }
    }
    const categoryCode = parsed.success ? parsed.data.categoryCode : raw.categoryCode?.trim();
    if (categoryCode && !categories.has(categoryCode)) {
      errors.push({ line: record.line, message: `categoryCode: unknown category ${categoryCode}` });
    }
    const name = parsed.success ? parsed.data.name : raw.name?.trim();
    if (name) {
      const key = nameKey(name);
      const first = seen.get(key);
      if (first !== undefined) errors.push({ line: record.line, message: `name: the same body as line ${first}` });
      else seen.set(key, record.line);
    }
    if (parsed.success) valid.push({ line: record.line, row: parsed.data });
  }
  if (errors.length > 0) {
    const lines = new Set(errors.map((e) => e.line)).size;
    throw new AppError('INVALID_CSV', `${lines} line(s) have problems; nothing was imported.`, { errors });
  }

  return deps.db.transaction().execute(async (trx) => {
    const existing = new Map(
      (
        await repo.findBodiesByNameKeys(
          trx,
          commissionId,
          valid.map((v) => nameKey(v.row.name)),
        )
      ).map((b) => [b.nameKey, b]),
    );
    const toInsert = valid.filter((v) => !existing.has(nameKey(v.row.name)));
    const created = await repo.insertBodies(
      trx,
      toInsert.map(({ row }) => newBodyRow(commissionId, categories.get(row.categoryCode) as string, row)),
    );
    const changes: repo.ImportedBodyChange[] = [];
    for (const { row } of valid) {
      const body = existing.get(nameKey(row.name));
      if (!body) continue;
      const next = {
        name: row.name,
        categoryId: categories.get(row.categoryCode) as string,
        province: row.province ?? null,
        website: row.website ?? null,
        ppidEmail: row.ppidEmail ?? null,
      };
      const same =
        body.name === next.name &&
        body.categoryId === next.categoryId &&
        body.province === next.province &&
        body.website === next.website &&
        body.ppidEmail === next.ppidEmail;
      if (same) continue;
      changes.push({ id: body.id, ...next, slug: slugify(row.name) });
    }
    await repo.updateImportedBodies(trx, changes);
    const updated = changes.length;
    await auditChange(trx, actor, { commissionId, type: 'commission', id: commissionId }, 'bodies.imported', {
      after: { created: created.length, updated, lines: valid.length },
    });
    return {
      created: created.length,
      updated,
      unchanged: valid.length - created.length - updated,
      createdBodies: created.map((b) => ({ id: b.id, name: b.name, ppidEmail: b.ppidEmail })),
    };
  });
}

type SkipReason = 'no_email' | 'already_operator' | 'already_invited';

/**
 * Invites the PPID address of each body as that body's operator (after an import, in one step), through the same
 * invitation as one person at a time: each is its own transaction with its mail and audit row, so one refused does
 * not undo the others. Bodies without an address, already with an operator or with one invited are skipped and
 * listed with the reason. A body id outside the commission is 422 before anyone is invited.
 */
export async function inviteBodyOperators(deps: AppDeps, actor: Actor, commissionId: string, bodyIds: string[]) {
  authorize(actor, 'users.manage', { commissionId }, 'commission');
  await ensureCommission(deps, actor, commissionId);
  const ids = [...new Set(bodyIds)];
  const bodies = new Map((await repo.findBodiesOfCommission(deps.db, commissionId, ids)).map((b) => [b.id, b]));
  const unknown = ids.flatMap((id, i) =>
    bodies.has(id) ? [] : [{ path: `bodyIds.${i}`, message: `No body ${id} in this commission` }],
  );
  if (unknown.length > 0) throw validationFailed(unknown);
  const roles = new Map<string, SkipReason>();
  for (const r of await repo.operatorRolesOfBodies(deps.db, ids, nowOf(deps))) {
    // an operator who accepted outranks a pending invitation of the same body
    if (r.bodyId && roles.get(r.bodyId) !== 'already_operator')
      roles.set(r.bodyId, r.pending ? 'already_invited' : 'already_operator');
  }
  const invited: { bodyId: string; bodyName: string; email: string; expiresAt: string }[] = [];
  const skipped: { bodyId: string; bodyName: string; reason: SkipReason }[] = [];
  for (const id of ids) {
    const body = bodies.get(id) as { id: string; name: string; ppidEmail: string | null };
    const held = roles.get(id);
    if (!body.ppidEmail || held) {
      skipped.push({ bodyId: id, bodyName: body.name, reason: held ?? 'no_email' });
      continue;
    }
    try {
      const result = await inviteUser(deps, actor, commissionId, {
        email: body.ppidEmail,
        name: operatorName(body.name),
        role: 'body_operator',
        bodyId: id,
      });
      invited.push({ bodyId: id, bodyName: body.name, email: body.ppidEmail, expiresAt: result.invitation.expiresAt });
    } catch (error) {
      // invited in the meantime (a second click, another admin): reported like the others already invited
      if (error instanceof AppError && error.code === 'ALREADY_EXISTS') {
        skipped.push({ bodyId: id, bodyName: body.name, reason: 'already_invited' });
      } else throw error;
    }
  }
  return { invited, skipped };
}

/** The name an operator is invited under until they give their own: "PPID <body>", within a person's name's limit. */
function operatorName(bodyName: string) {
  return `PPID ${bodyName}`.slice(0, LIMIT.name);
}
