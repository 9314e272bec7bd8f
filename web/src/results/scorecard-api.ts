/** The scorecard's call (issue 23). Types come from the server's route schemas, imported type-only. */

import type { Scorecard } from '../../../src/modules/scorecard/scorecard.schemas.ts';
import { request } from '../api.ts';

export type {
  Scorecard,
  ScorecardRecommendation,
  ScorecardResult,
} from '../../../src/modules/scorecard/scorecard.schemas.ts';

export const scorecardApi = {
  scorecard: (sid: string, signal?: AbortSignal) =>
    request<Scorecard>(`/submissions/${encodeURIComponent(sid)}/scorecard`, { signal }),
};
