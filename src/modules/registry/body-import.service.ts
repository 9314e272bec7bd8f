import type { Actor } from '../../domain/access.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError, type ProblemDetail } from '../../http/errors.ts';
import { issueDetail } from '../../http/messages.ts';
import { badText } from '../../http/text-guard.ts';
import { parseCsv } from '../../lib/csv.ts';
import { nameKey, slugify } from '../../lib/text.ts';
import { auditChange } from '../audit/audit.service.ts';
import * as repo from './registry.repository.ts';
import { CreateBodySchema } from './registry.schemas.ts';
import { categoryIdsByCode, ensureCommission, newBodyRow } from './registry.service.ts';

const IMPORT_COLUMNS = ['name', 'categoryCode', 'province', 'website', 'ppidEmail'] as const;
type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/**
 * Imports bodies from CSV (`name,categoryCode,province,website,ppidEmail`, header on line 1). The whole file is
 * checked first: any bad line imports nothing and every problem is reported with its line. A name already
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
    if ((IMPORT_COLUMNS as readonly string[]).includes(field)) index.set(field as ImportColumn, i);
    else errors.push({ line: header.line, message: `Unknown column “${field}”; expected ${IMPORT_COLUMNS.join(',')}` });
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
    return { created: created.length, updated, unchanged: valid.length - created.length - updated };
  });
}
