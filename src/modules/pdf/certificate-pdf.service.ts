import type { Actor } from '../../domain/access.ts';
import type { AppDeps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { periodResults } from '../results/results.service.ts';
// who may read the submission (its body, the commission's staff, an evaluator who sees it): its certificate follows
// the submission's own visibility, as the scorecard does
import { readable } from '../submissions/submission-view.service.ts';
import { certificateData } from './certificate-data.ts';
import { certificateInForce } from './certificates.repository.ts';
import { bodySlug, rendererOf } from './pdf-response.ts';
import type { PdfLang } from './pdf-types.ts';

/**
 * The certificate in force of a submission's body for the submission's period, rendered: the one not revoked, whose
 * QR code leads to its verification. 404 when the period has no published results, or when the body's band in the
 * latest version earns no certificate (its earlier certificate, if any, was revoked by that version).
 */
export async function certificatePdf(
  deps: AppDeps,
  actor: Actor,
  submissionId: string,
  lang: PdfLang,
): Promise<{ bytes: Uint8Array; fileName: string }> {
  const submission = await readable(deps, actor, submissionId);
  const record = await certificateInForce(deps.db, submission.periodId, submission.bodyId);
  if (!record) throw await noCertificate(deps, submission);
  const bytes = await rendererOf(deps).render({
    kind: 'certificate',
    lang,
    data: certificateData(record, deps.publicUrl),
  });
  const stem = lang === 'en' ? 'certificate' : 'piagam';
  return { bytes, fileName: `${stem}-${record.year}-${bodySlug(record.bodyName)}.pdf` };
}

/** Why a body has no certificate in force, said plainly: nothing published yet, or a band that earns none. */
async function noCertificate(
  deps: AppDeps,
  submission: { periodId: string; bodyId: string; year: number; methodology: unknown },
): Promise<AppError> {
  const results = await periodResults(
    deps,
    { id: submission.periodId, methodology: submission.methodology },
    { previewIfUnpublished: false },
  );
  if (!results) {
    return new AppError(
      'NOT_FOUND',
      `The results of ${submission.year} are not published yet: certificates are issued at publication.`,
    );
  }
  const own = results.rows.find((r) => r.bodyId === submission.bodyId);
  if (!own) return new AppError('NOT_FOUND', `This body is not ranked in the published results of ${submission.year}.`);
  return new AppError(
    'NOT_FOUND',
    `The band ${own.band} earns no certificate (results of ${submission.year}, version ${results.version}).`,
  );
}
