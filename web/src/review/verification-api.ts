import type {
  SaveVerification,
  VerificationCompleted,
  VerificationItem,
  VerificationResult,
} from '../../../src/modules/review/verification.schemas.ts';
import { request } from '../api.ts';

/** The verification screen's calls (API.md "Verification and panel"), typed by the server's route schemas. */

export type { VerificationItem, VerificationResult };

const enc = encodeURIComponent;

export const verificationApi = {
  /** Sets verified values; a value that differs from the answer carries a reason. */
  save: (sid: string, items: VerificationItem[]) =>
    request<VerificationResult>(`/submissions/${enc(sid)}/verification`, {
      method: 'PATCH',
      json: { items } satisfies SaveVerification,
    }),
  complete: (sid: string) =>
    request<VerificationCompleted>(`/submissions/${enc(sid)}/verification/complete`, { method: 'POST' }),
};

/** Where an evidence file is shown inline (PDF and images; the server sends anything else as an attachment). */
export const previewUrl = (fileId: string) => `/api/files/${enc(fileId)}?inline=1`;

/** The types the preview shows inline: the server's own list (evidence-files.service.ts). */
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);
export const canPreview = (contentType: string) => PREVIEWABLE.has(contentType);
