/**
 * The admin's overview (issue 25, item 5): the running periods' figures, the submissions list with its search,
 * filters, order and pages, its CSV export's address (fetched by results/download.ts, so a refusal shows as its
 * problem), and the SAQ reminders. Types come from the route schemas.
 */

import type { CommissionOverview, RemindersResult } from '../../../src/modules/overview/overview.schemas.ts';
import type { SubmissionList, SubmissionListQuery } from '../../../src/modules/submissions/submissions.schemas.ts';
import { request, withQuery } from '../api.ts';

export type { CommissionOverview, RemindersResult, SubmissionList, SubmissionListQuery };
export type OverviewPeriod = CommissionOverview['periods'][number];
export type NotStartedBody = SubmissionList['notStarted'][number];

const enc = encodeURIComponent;

export const overviewApi = {
  overview: (cid: string, signal?: AbortSignal) =>
    request<CommissionOverview>(`/commissions/${enc(cid)}/overview`, { signal }),
  submissions: (pid: string, query: SubmissionListQuery, signal?: AbortSignal) =>
    request<SubmissionList>(`/periods/${enc(pid)}/submissions`, { query, signal }),
  /** The CSV of the list with the same filters and order (no page: every row). */
  csvUrl: (pid: string, query: Omit<SubmissionListQuery, 'limit' | 'offset'>) =>
    withQuery(`/api/periods/${enc(pid)}/submissions.csv`, query),
  /** Reminds the chosen bodies, or every body not started when `bodyIds` is absent. */
  remind: (pid: string, bodyIds?: string[]) =>
    request<RemindersResult>(`/periods/${enc(pid)}/reminders`, {
      method: 'POST',
      json: bodyIds ? { bodyIds } : {},
    }),
};
