import type { Db } from '../../db/database.ts';
import type { Actor } from '../../domain/access.ts';
import { bandEarnsCertificate, type Methodology } from '../../domain/methodology.ts';
import { authorize } from '../../http/authorize.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { appendAudit } from '../audit/audit.service.ts';
// the certificates' one read (the PDF module's): the admin list is the same rows as the PDFs and the ZIP print
import { certificateRecords } from '../pdf/certificates.repository.ts';
import * as periods from '../periods/periods.repository.ts';
import * as repo from './results.repository.ts';
import type { ResultDiff, ResultsView, ResultVersion } from './results.schemas.ts';
import { periodResults } from './results.service.ts';
import * as sqlResults from './results-sql.repository.ts';

/**
 * Publication of a period's results (issue 23): each publication is an immutable numbered version carrying its decree;
 * a later one is an amendment with its diff; certificates are issued, kept or revoked with each version.
 */

const STAGES_WITH_RESULTS = new Set(['results', 'published']);
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** An unguessable certificate code: 128 random bits, base32 (lower case, no padding; 26 characters). */
export function certificateCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

async function periodOf(deps: AppDeps, periodId: string) {
  const period = await periods.findPeriod(deps.db, periodId);
  if (!period) throw new AppError('NOT_FOUND', 'No such period.');
  return period;
}

/**
 * Who reads which results of a period (`GET /periods/:pid/results` and the report PDF): a published version
 * (`version`, or the latest) for any role of the commission with results.read; before the first publication, the
 * preview for results.preview from the results stage on (409 before it); an unknown version is a 404. Gives the period,
 * the latest and the chosen version, and the methodology the chosen rows follow (the version's snapshot, else the
 * period's).
 */
export async function resultsAccess(deps: AppDeps, actor: Actor, periodId: string, version: number | undefined) {
  const period = await periodOf(deps, periodId);
  const scope = { commissionId: period.commissionId };
  const versions = await repo.listVersions(deps.db, periodId);
  const latest = versions.at(-1);
  if (version !== undefined || latest) {
    authorize(actor, 'results.read', scope, 'period');
  } else {
    authorize(actor, 'results.preview', scope, 'period');
    if (!STAGES_WITH_RESULTS.has(period.stage)) {
      throw new AppError('STAGE_CLOSED', 'Results can be previewed from the results stage on.');
    }
  }
  const chosen = version === undefined ? latest : versions.find((v) => v.version === version);
  if (version !== undefined && !chosen) throw new AppError('NOT_FOUND', `No published version ${version}.`);
  const methodology = (chosen?.methodology ?? period.methodology) as Methodology;
  return { period, latest, chosen, methodology };
}

/**
 * The period's results: a published version (`version`, or the latest) for any role of the commission, else the
 * preview (admin and leadership, from the results stage on). `category` keeps the rows of one category.
 */
export async function readResults(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  query: { category?: string | undefined; version?: number | undefined },
): Promise<ResultsView> {
  const { period, latest, chosen, methodology } = await resultsAccess(deps, actor, periodId, query.version);
  const [results, categories, pendingCorrections] = await Promise.all([
    periodResults(deps, period, query.version === undefined ? {} : { version: query.version }),
    repo.resultCategories(deps.db, periodId),
    repo.countPendingCorrections(deps.db, periodId),
  ]);
  const rows = (results?.rows ?? []).filter((r) => query.category === undefined || r.categoryCode === query.category);
  return {
    published: results?.published ?? false,
    version: results?.version ?? null,
    latestVersion: latest?.version ?? null,
    decreeNumber: chosen?.decreeNumber ?? null,
    decreeDate: chosen?.decreeDate ?? null,
    publishedAt: chosen ? iso(chosen.publishedAt) : null,
    pendingCorrections,
    decimals: methodology.decimals,
    components: (methodology.components ?? []).map((c) => ({
      key: c.key,
      label: c.label,
      weight: c.weight,
      source: c.source,
    })),
    bands: (methodology.bands ?? []).map((b, i) => ({
      label: b.label,
      min: b.min,
      certificate: bandEarnsCertificate(methodology, i),
    })),
    categories,
    rows,
  };
}

export interface PublishInput {
  period: { id: string; commissionId: string; stage: string; methodology: unknown };
  actorId: string | null;
  decreeNumber: string;
  decreeDate: string;
  /**
   * When the publication happens, when that is not now: the version, its certificates (issued and revoked), the stage
   * event and the audit row are dated then (the demo dates its decrees on their day). Default: now.
   */
  at?: Date;
}

/**
 * The publishing core, inside the caller's transaction with the period row locked (the API and the demo): the next
 * version with its methodology snapshot and its rows by one INSERT ... SELECT; the first publication moves the period
 * to `published` (a stage event); an amendment keeps its diff; certificates are issued, kept or revoked; audited.
 */
export async function publishInTransaction(
  trx: Db,
  input: PublishInput,
): Promise<{ version: number; changed: number }> {
  const { period } = input;
  const previous = await repo.latestVersion(trx, period.id);
  const version = (previous?.version ?? 0) + 1;
  const methodology = period.methodology as Methodology;
  const inserted = await sqlResults.insertVersionWithRows(trx, {
    periodId: period.id,
    commissionId: period.commissionId,
    version,
    decreeNumber: input.decreeNumber,
    decreeDate: input.decreeDate,
    actorId: input.actorId,
    methodology,
    previousVersionId: previous?.id ?? null,
    publishedAt: input.at,
  });
  if (previous) {
    await sqlResults.insertDiff(trx, {
      versionId: inserted.id,
      previousVersionId: previous.id,
    });
  }
  await issueCertificates(trx, period, methodology, inserted.id, input.at);
  if (period.stage !== 'published') {
    await repo.setPeriodStage(trx, period.id, 'published');
    await repo.insertStageEvent(trx, {
      periodId: period.id,
      fromStage: period.stage,
      toStage: 'published',
      actorId: input.actorId,
      reason: `${input.decreeNumber} (${input.decreeDate})`,
      ...(input.at ? { at: input.at } : {}),
    });
  }
  await appendAudit(trx, {
    actorId: input.actorId,
    commissionId: period.commissionId,
    event: version === 1 ? 'results.published' : 'results.amended',
    ...(input.at ? { at: input.at } : {}),
    subjectType: 'period',
    subjectId: period.id,
    before: previous ? { version: previous.version } : null,
    after: {
      version,
      decreeNumber: input.decreeNumber,
      decreeDate: input.decreeDate,
      rows: inserted.rows,
      changed: inserted.changed,
    },
  });
  return { version, changed: inserted.changed };
}

/**
 * Certificates of a new version: a body whose band earns one keeps a valid certificate of the same band and final,
 * else gets a new code; a body whose band or final changed loses its old one (revoked, pointing at the new code, or at
 * none when the new band earns no certificate).
 */
async function issueCertificates(
  trx: Db,
  period: PublishInput['period'],
  m: Methodology,
  versionId: string,
  at: Date | undefined,
) {
  const [rows, valid] = await Promise.all([
    repo.rowsForCertificates(trx, versionId),
    repo.validCertificates(trx, period.id),
  ]);
  const validBy = new Map(valid.map((c) => [c.bodyId, c]));
  const issued: Parameters<typeof repo.insertCertificates>[1] = [];
  const revoked: { code: string; replacedBy: string | null }[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    seen.add(row.bodyId);
    const old = validBy.get(row.bodyId);
    const earns = bandEarnsCertificate(m, row.bandIndex);
    if (old && earns && old.band === row.band && Number(old.final) === Number(row.final)) continue;
    const code = earns ? certificateCode() : null;
    if (code) {
      issued.push({
        code,
        commissionId: period.commissionId,
        periodId: period.id,
        versionId,
        bodyId: row.bodyId,
        bodyName: row.bodyName,
        band: row.band,
        final: row.final,
        ...(at ? { issuedAt: at } : {}),
      });
    }
    if (old) revoked.push({ code: old.code, replacedBy: code });
  }
  for (const old of valid) if (!seen.has(old.bodyId)) revoked.push({ code: old.code, replacedBy: null });
  await repo.insertCertificates(trx, issued);
  await repo.revokeCertificates(trx, versionId, revoked, at);
}

/** POST /periods/:pid/results/publish: commission admin, from the results stage on, one transaction. */
export async function publish(
  deps: AppDeps,
  actor: Actor,
  periodId: string,
  input: { decreeNumber: string; decreeDate: string },
) {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'results.publish', { commissionId: period.commissionId }, 'period');
  return deps.db.transaction().execute(async (trx) => {
    const locked = await periods.lockPeriod(trx, periodId);
    if (!locked) throw new AppError('NOT_FOUND', 'No such period.');
    if (!STAGES_WITH_RESULTS.has(locked.stage)) {
      throw new AppError('STAGE_CLOSED', 'Results are published from the results stage on.');
    }
    return publishInTransaction(trx, {
      period: locked,
      actorId: actor.userId,
      decreeNumber: input.decreeNumber,
      decreeDate: input.decreeDate,
    });
  });
}

/** The published versions, oldest first (any role of the commission). */
export async function listVersions(deps: AppDeps, actor: Actor, periodId: string): Promise<ResultVersion[]> {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'results.read', { commissionId: period.commissionId }, 'period');
  const versions = await repo.listVersions(deps.db, periodId);
  return versions.map((v) => ({
    version: v.version,
    decreeNumber: v.decreeNumber,
    decreeDate: v.decreeDate,
    publishedAt: iso(v.publishedAt),
    publishedBy: v.publishedBy,
    changed: v.changed,
    source: v.source,
    example: v.example,
  }));
}

/** An amendment's diff against the previous version (version 1 has none: 404). */
export async function versionDiff(deps: AppDeps, actor: Actor, periodId: string, n: number): Promise<ResultDiff> {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'results.read', { commissionId: period.commissionId }, 'period');
  const versions = await repo.listVersions(deps.db, periodId);
  const chosen = versions.find((v) => v.version === n);
  if (!chosen) throw new AppError('NOT_FOUND', `No published version ${n}.`);
  if (n === 1) throw new AppError('NOT_FOUND', 'Version 1 is the first publication: it has no diff.');
  const rows = await repo.diffRows(deps.db, chosen.id);
  return {
    version: n,
    previousVersion: n - 1,
    decreeNumber: chosen.decreeNumber,
    rows: rows.map((r) => ({
      bodyId: r.bodyId,
      bodyName: r.bodyName,
      categoryCode: r.categoryCode,
      before: r.before as ResultDiff['rows'][number]['before'],
      after: r.after as ResultDiff['rows'][number]['after'],
      reasons: r.reasons as ResultDiff['rows'][number]['reasons'],
    })),
  };
}

/** The certificates of a period, every version's, revoked ones included (admin and leadership). */
export async function listCertificates(deps: AppDeps, actor: Actor, periodId: string) {
  const period = await periodOf(deps, periodId);
  authorize(actor, 'results.preview', { commissionId: period.commissionId }, 'period');
  const rows = await certificateRecords(deps.db, { periodId, order: 'version' });
  return rows.map((c) => ({
    code: c.code,
    bodyId: c.bodyId,
    bodyName: c.bodyName,
    band: c.band,
    final: Number(c.final),
    version: c.version,
    issuedAt: iso(c.issuedAt),
    revoked: c.revoked,
    replacedBy: c.replacedBy,
    submissionId: c.submissionId,
  }));
}
