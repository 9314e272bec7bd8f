import type { Dashboard } from '../../../src/modules/dashboard/dashboard.schemas.ts';
import { request } from '../api.ts';

/** The leadership dashboard's route (issue 23, item 6), typed by the server's route schema. */

export type { Dashboard };
export type DashboardTrendPoint = Dashboard['trend'][number];
export type DashboardMover = NonNullable<Dashboard['movers']>['up'][number];

export const dashboardApi = {
  get: (cid: string, filters: { periodId?: string; category?: string }, signal?: AbortSignal) => {
    const query = new URLSearchParams();
    if (filters.periodId) query.set('periodId', filters.periodId);
    if (filters.category) query.set('category', filters.category);
    const qs = query.toString();
    return request<Dashboard>(`/commissions/${encodeURIComponent(cid)}/dashboard${qs ? `?${qs}` : ''}`, { signal });
  },
};
