import { type Actor, evaluatorOnlyIn } from '../../domain/access.ts';
import { editable } from '../../domain/saq-window.ts';
import { authorize } from '../../http/authorize.ts';
import { type AppDeps, nowOf } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { badTextIn, refuseBadText } from '../../http/text-guard.ts';
import { sniffFileType } from '../../lib/file-types.ts';
// the review module's service: whether a clarification keeps uploads open after the SAQ closed
import { clarificationOpen } from '../review/clarifications.service.ts';
// the review module's visibility rule (see submission-view.service.ts)
import { evaluatorSees } from '../review/review-access.repository.ts';
import { findFile, insertFile } from './evidence-files.repository.ts';
import { readable } from './submission-view.service.ts';

/** Evidence files: uploaded to a submission while it is open, served only to those who may see it. */

function filesConfig(deps: AppDeps) {
  if (!deps.files) throw new AppError('NOT_FOUND', 'File uploads are not configured on this server.');
  return deps.files;
}

/**
 * Stores an evidence file for the submission: streamed to temporary storage (size limit: 413), recognised by its
 * bytes (PDF, images, office documents; anything else 415), hashed, then moved into the file store.
 */
export async function uploadFile(deps: AppDeps, actor: Actor, submissionId: string, request: Request) {
  const files = filesConfig(deps);
  const row = await readable(deps, actor, submissionId);
  authorize(actor, 'submission.fill', { commissionId: row.commissionId, bodyId: row.bodyId }, 'submission');
  const now = nowOf(deps);
  // after the SAQ closes the body may still upload for an open clarification not yet due, and during the objection
  // stage for an objection's evidence: the reply or the objection names the file; the upload alone changes no answer
  if (
    (row.status !== 'draft' || !editable(row, row.schedule, now)) &&
    row.stage !== 'objection' &&
    !(await clarificationOpen(deps.db, row.id, now))
  ) {
    throw new AppError(
      row.status === 'draft' ? 'STAGE_CLOSED' : 'LOCKED',
      'The self-assessment is not open for changes.',
    );
  }
  const upload = await files.receive(request, files.limit);
  // the edge's rule for text (src/http/text-guard.ts) holds for a multipart body's name and fields too: 422
  const badText = badTextIn({ filename: upload.name, fields: upload.fields }, 'multipart');
  if (badText.length > 0) {
    await files.discard(upload.tempPath);
    refuseBadText(badText);
  }
  const type = sniffFileType(upload.head, upload.name);
  if (!type) {
    await files.discard(upload.tempPath);
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      'Only PDF, images (PNG, JPEG, GIF, WebP) and office documents are accepted.',
    );
  }
  const name = cleanFileName(upload.name, type.extension);
  const storageKey = `${row.commissionId}/${row.id}/${crypto.randomUUID()}.${type.extension}`;
  await files.storage.putFile(storageKey, upload.tempPath, upload.size, type.contentType);
  const file = await insertFile(deps.db, {
    commissionId: row.commissionId,
    submissionId: row.id,
    name,
    size: upload.size,
    contentType: type.contentType,
    sha256: upload.sha256,
    storageKey,
    uploadedBy: actor.userId,
  });
  return {
    fileId: file.id,
    name: file.name,
    size: Number(file.size),
    contentType: file.contentType,
    sha256: file.sha256,
  };
}

// Characters a stored name never keeps: C0 controls (NUL among them), DEL, C1 controls, and the bidirectional
// controls (embeddings, overrides, isolates, marks), which let `evil\u202Efdp.exe` show as `evilexe.pdf`. The quote
// goes too, as the name is sent back in a quoted header parameter.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what the name must lose
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"]/gu;

/**
 * A file name safe to show and to send back: no path, no control or bidirectional-control characters, no lone
 * surrogate, at most 200 characters (whole code points, so a cut never leaves half a surrogate pair that PostgreSQL
 * refuses), the real type's extension. Anything else is kept as sent: `Laporan–Tahunan é.pdf` stays so.
 */
export function cleanFileName(name: string, extension: string): string {
  // a lone UTF-16 surrogate (\p{Cs} in a unicode regex matches only unpaired ones) is no text PostgreSQL can store
  const cleaned = name.replace(UNSAFE_IN_NAME, '').replace(/\p{Cs}/gu, '');
  const base = Array.from((cleaned.split(/[\\/]/).pop() ?? '').trim())
    .slice(0, 200)
    .join('')
    .trim();
  const stem = base.replace(/\.[^.]*$/, '').trim() || 'file';
  return `${stem}.${extension}`;
}

/**
 * The Content-Disposition of a download (RFC 6266): an ASCII fallback for old clients, and the name as stored in
 * `filename*` (RFC 8187), where every byte outside attr-char is percent-encoded (encodeURIComponent alone leaves
 * `'()*` as they are, and `'` ends the charset part).
 */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * The types an evidence file may be shown inline as (the verification screen's preview): PDF and the sniffer's images.
 * Office documents and anything else stay attachments, whatever the request asks.
 */
const PREVIEWABLE: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
]);

export const previewable = (contentType: string): boolean => PREVIEWABLE.has(contentType);

/** The Content-Disposition of a file shown inline (its name kept, in the same two forms as a download's). */
export function inlineDisposition(name: string): string {
  return contentDisposition(name).replace(/^attachment;/, 'inline;');
}

/** An evidence file, only for those who may see its submission (others: 404). */
export async function getFile(deps: AppDeps, actor: Actor, fileId: string) {
  const files = filesConfig(deps);
  const file = await findFile(deps.db, fileId);
  if (!file) throw new AppError('NOT_FOUND', 'No such file.');
  authorize(actor, 'submission.read', { commissionId: file.commissionId, bodyId: file.bodyId }, 'file');
  if (evaluatorOnlyIn(actor, file.commissionId) && !(await evaluatorSees(deps.db, actor.userId, file.submissionId)))
    throw new AppError('NOT_FOUND', 'No such file.');
  const stream = await files.storage.get(file.storageKey);
  if (!stream) throw new AppError('NOT_FOUND', 'The file’s bytes are missing from the store.');
  return { stream, name: file.name, size: Number(file.size), contentType: file.contentType, sha256: file.sha256 };
}
