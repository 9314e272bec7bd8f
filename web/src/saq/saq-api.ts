import type {
  ConfirmCarriedResult,
  Receipt,
  Submission,
} from '../../../src/modules/submissions/submissions.schemas.ts';
import { request } from '../api.ts';

/**
 * The operator's SAQ after carry-forward and submit (issue 25, items 6 and 7): confirming carried answers, the submit
 * that confirms them, and the receipt. Typed from the route schemas (submissions.schemas.ts).
 */

export type { ConfirmCarriedResult, Receipt };

const enc = encodeURIComponent;

export const saqApi = {
  /** Confirms carried answers as the body's own (values unchanged); `version` is the version the page last saw. */
  confirmCarried: (sid: string, version: number, questionCodes: string[]) =>
    request<ConfirmCarriedResult>(`/submissions/${enc(sid)}/carried/confirm`, {
      method: 'POST',
      json: { questionCodes },
      headers: { 'If-Match': `"${version}"` },
    }),
  /** Submits; with `confirmCarried` the carried answers still unconfirmed are confirmed in the same step. */
  submit: (sid: string, confirmCarried: boolean) =>
    request<{ submission: Submission }>(`/submissions/${enc(sid)}/submit`, {
      method: 'POST',
      json: confirmCarried ? { confirmCarried: true } : {},
    }),
  receipt: (sid: string, signal?: AbortSignal) => request<Receipt>(`/submissions/${enc(sid)}/receipt`, { signal }),
};
