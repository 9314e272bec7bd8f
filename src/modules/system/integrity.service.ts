import type { Db } from '../../db/database.ts';
import * as repo from './integrity.repository.ts';

export type { IntegrityKind } from './integrity.repository.ts';

/** One broken reference: its kind, how many rows break it, the ids of the first few. */
export interface IntegrityFinding {
  kind: repo.IntegrityKind;
  count: number;
  ids: string[];
}

export interface IntegrityReport {
  findings: IntegrityFinding[];
  checked: { submissions: number; answers: number; history: number };
}

/**
 * Checks the references answers and submission_history keep without foreign keys (decision 007): no orphan answer
 * (its submission, question and saving user exist), no answer to a question outside its submission's questionnaire,
 * no answer stamped with a version its submission has not reached, no orphan history row (its submission and actor
 * exist). Read-only; one query per kind.
 */
export async function checkIntegrity(db: Db): Promise<IntegrityReport> {
  const findings: IntegrityFinding[] = [];
  for (const kind of repo.INTEGRITY_KINDS) {
    const rows = await repo.brokenRows(db, kind);
    if (rows.count > 0) findings.push({ kind, ...rows });
  }
  return { findings, checked: await repo.checkedRows(db) };
}

/** The report as printed: a line per finding (kind, count, first ids), or one summary line when nothing is found. */
export function formatIntegrityReport(report: IntegrityReport): string {
  const { submissions, answers, history } = report.checked;
  const scope = `${submissions} submissions, ${answers} answers, ${history} history rows`;
  if (report.findings.length === 0) return `db:check: no findings (${scope})`;
  const lines = report.findings.map(
    (f) => `FINDING ${f.kind} count=${f.count} ids=${f.ids.join(',')}${f.count > f.ids.length ? ',…' : ''}`,
  );
  const total = report.findings.reduce((n, f) => n + f.count, 0);
  return [...lines, `db:check: ${total} broken rows in ${report.findings.length} kinds (${scope})`].join('\n');
}
