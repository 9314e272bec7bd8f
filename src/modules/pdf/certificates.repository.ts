/**
 * The certificates' one read, for every list of them (the PDFs, the ZIP, the scorecard's code, the admin list of a
 * period's certificates): what a certificate PDF prints, in one query: the certificate (code, band, final as issued),
 * the version that issued it (decree, date, number, the methodology's decimals), the period (year, signatory), the
 * commission, and the body's category and submission in that version.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';

export interface CertificateRecord {
  code: string;
  commissionId: string;
  commissionName: string;
  periodId: string;
  year: number;
  bodyId: string;
  bodyName: string;
  categoryCode: string | null;
  categoryName: string | null;
  submissionId: string | null;
  band: string;
  final: string;
  decimals: number;
  version: number;
  decreeNumber: string;
  decreeDate: string;
  signatory: { name: string; title: string } | null;
  issuedAt: Date | string;
  revokedAt: Date | string | null;
  revoked: boolean;
  replacedBy: string | null;
}

export interface CertificateFilter {
  /** One certificate by its code (the public check). */
  code?: string;
  periodId?: string;
  bodyId?: string;
  /** True: only certificates not revoked (the ones in force). */
  validOnly?: boolean;
  /**
   * 'category' (default): by category, then body name (the ZIP's order); 'version': by the issuing version, then body
   * name case-insensitively (the admin list's order).
   */
  order?: 'category' | 'version';
}

/** Certificates matching the filter, in the order asked for. */
export async function certificateRecords(db: Db, filter: CertificateFilter): Promise<CertificateRecord[]> {
  let query = db
    .selectFrom('certificates as c')
    .innerJoin('resultVersions as v', 'v.id', 'c.versionId')
    .innerJoin('periods as p', 'p.id', 'c.periodId')
    .innerJoin('commissions as m', 'm.id', 'c.commissionId')
    .leftJoin('resultRows as r', (join) =>
      join.onRef('r.versionId', '=', 'c.versionId').onRef('r.bodyId', '=', 'c.bodyId'),
    )
    .leftJoin('categories as k', (join) =>
      join.onRef('k.commissionId', '=', 'c.commissionId').onRef('k.code', '=', 'r.categoryCode'),
    )
    .select([
      'c.code',
      'c.commissionId',
      'm.name as commissionName',
      'c.periodId',
      'p.year',
      'c.bodyId',
      'c.bodyName',
      'r.categoryCode',
      'k.name as categoryName',
      'r.submissionId',
      'c.band',
      'c.final',
      'v.version',
      'v.decreeNumber',
      'c.replacedBy',
      'c.issuedAt',
      'c.revokedAt',
      sql<string>`to_char(v.decree_date, 'YYYY-MM-DD')`.as('decreeDate'),
      sql<number>`coalesce((v.methodology->>'decimals')::int, 2)`.as('decimals'),
      sql<unknown>`p.settings->'signatory'`.as('signatory'),
      sql<boolean>`c.revoked_at is not null`.as('revoked'),
    ]);
  if (filter.code !== undefined) query = query.where('c.code', '=', filter.code);
  if (filter.periodId !== undefined) query = query.where('c.periodId', '=', filter.periodId);
  if (filter.bodyId !== undefined) query = query.where('c.bodyId', '=', filter.bodyId);
  if (filter.validOnly) query = query.where('c.revokedAt', 'is', null);
  query =
    filter.order === 'version'
      ? query.orderBy('v.version').orderBy(sql`lower(c.body_name) collate "C"`)
      : query.orderBy('r.categoryCode').orderBy('c.bodyName');
  const rows = await query.orderBy('c.code').execute();
  return rows.map((r) => ({
    ...r,
    final: String(r.final),
    decimals: Number(r.decimals),
    signatory: isSignatory(r.signatory) ? r.signatory : null,
  }));
}

/**
 * The body's certificate in force for the period (the scorecard's and the certificate PDF's): the one not revoked, as
 * a publication revokes the one it replaces; the newest should a race ever leave two.
 */
export async function certificateInForce(
  db: Db,
  periodId: string,
  bodyId: string,
): Promise<CertificateRecord | undefined> {
  const records = await certificateRecords(db, { periodId, bodyId, validOnly: true });
  return records.reduce<CertificateRecord | undefined>(
    (newest, r) => (!newest || r.version > newest.version ? r : newest),
    undefined,
  );
}

function isSignatory(value: unknown): value is { name: string; title: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { name?: unknown }).name === 'string' &&
    typeof (value as { title?: unknown }).title === 'string'
  );
}
