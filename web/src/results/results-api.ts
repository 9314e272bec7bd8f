/**
 * The admin results page's calls (API.md "Results"): results and their versions, publication, diffs, corrections and
 * certificates. Types come from the server's route schemas, imported type-only, as in web/src/api.ts.
 */

import type {
  CertificateSummary,
  Correction,
  CorrectionInput,
  PublishInput,
  PublishResult,
  ResultDiff,
  ResultsView,
  ResultVersion,
} from '../../../src/modules/results/results.schemas.ts';
import { request } from '../api.ts';

export type {
  CertificateSummary,
  Correction,
  CorrectionInput,
  DiffReason,
  PublishInput,
  PublishResult,
  ResultDiff,
  ResultRowView,
  ResultsView,
  ResultVersion,
} from '../../../src/modules/results/results.schemas.ts';

const enc = encodeURIComponent;

export const resultsApi = {
  /** The latest published version, an older one (`version`), or the preview before the first publication. */
  results: (pid: string, query: { category?: string; version?: number } = {}, signal?: AbortSignal) =>
    request<ResultsView>(`/periods/${enc(pid)}/results`, {
      query: { category: query.category, version: query.version },
      signal,
    }),
  publish: (pid: string, input: PublishInput) =>
    request<PublishResult>(`/periods/${enc(pid)}/results/publish`, { method: 'POST', json: input }),
  versions: (pid: string, signal?: AbortSignal) =>
    request<ResultVersion[]>(`/periods/${enc(pid)}/results/versions`, { signal }),
  diff: (pid: string, version: number, signal?: AbortSignal) =>
    request<ResultDiff>(`/periods/${enc(pid)}/results/versions/${enc(String(version))}/diff`, { signal }),
  correct: (sid: string, input: CorrectionInput) =>
    request<{ correction: Correction }>(`/submissions/${enc(sid)}/corrections`, { method: 'POST', json: input }),
  corrections: (pid: string, signal?: AbortSignal) =>
    request<{ corrections: Correction[] }>(`/periods/${enc(pid)}/corrections`, { signal }),
  certificates: (pid: string, signal?: AbortSignal) =>
    request<{ certificates: CertificateSummary[] }>(`/periods/${enc(pid)}/certificates`, { signal }),
};
