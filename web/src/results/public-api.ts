/** The public side's API (issue 23): no login; types from the server's schemas, imported type-only. */
import type {
  PublicBodyHistory,
  PublicCertificate,
  PublicCommission,
  PublicMethodology,
  PublicResults,
} from '../../../src/modules/results/public.schemas.ts';
import { request } from '../api.ts';

export type {
  PublicBodyHistory,
  PublicCertificate,
  PublicCommission,
  PublicMethodology,
  PublicResults,
} from '../../../src/modules/results/public.schemas.ts';

const resultsPath = (code: string, year: string) =>
  `/public/commissions/${encodeURIComponent(code)}/results/${encodeURIComponent(year)}`;

/** The open-data file of a published year (the API's address, for a download link); `category` filters it. */
export function openDataUrl(code: string, year: string, file: 'csv' | 'json', category?: string): string {
  const query = category ? `?category=${encodeURIComponent(category)}` : '';
  return `/api${resultsPath(code, `${year}.${file}`)}${query}`;
}

export const publicApi = {
  /** Commissions with published years. */
  commissions: (signal?: AbortSignal) =>
    request<{ commissions: PublicCommission[] }>('/public/commissions', { signal }),
  /** The latest published version of a year (404 when nothing is published). */
  results: (code: string, year: string, signal?: AbortSignal) =>
    request<PublicResults>(resultsPath(code, year), { signal }),
  methodology: (code: string, year: string, signal?: AbortSignal) =>
    request<PublicMethodology>(`${resultsPath(code, year)}/methodology`, { signal }),
  bodyHistory: (bid: string, signal?: AbortSignal) =>
    request<PublicBodyHistory>(`/public/bodies/${encodeURIComponent(bid)}/history`, { signal }),
  certificate: (code: string, signal?: AbortSignal) =>
    request<PublicCertificate>(`/public/certificates/${encodeURIComponent(code)}`, { signal }),
};
