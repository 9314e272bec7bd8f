import type { HistoryImportResult } from '../../../src/modules/results/public.schemas.ts';
import { request } from '../api.ts';

export type { HistoryImportResult };

/** The default band minimums of an imported year (Informatif, Menuju, Cukup, Kurang; Tidak Informatif from 0). */
export const DEFAULT_HISTORY_BANDS = '90,80,60,40';

/**
 * POST /commissions/:cid/history/import: earlier decrees' finals (`year,bodyName,categoryCode,final`, optionally
 * `decreeNumber,decreeDate`) become a published period per year. A bad line rejects with ApiError 422 INVALID_CSV
 * listing every bad line; bad band minimums with 422 VALIDATION_FAILED (paths `query.bands`, `query.bands.N`).
 */
export function importHistory(cid: string, csv: string, options: { bands: string; example?: boolean }) {
  return request<HistoryImportResult>(`/commissions/${encodeURIComponent(cid)}/history/import`, {
    method: 'POST',
    text: csv,
    contentType: 'text/csv; charset=utf-8',
    query: { bands: options.bands.trim() || DEFAULT_HISTORY_BANDS, ...(options.example ? { example: 'true' } : {}) },
  });
}
