/**
 * The presentation panel's calls (jurors, scores, divergence and calibration). Types come from the server's route
 * schemas, imported type-only, as in web/src/api.ts.
 */

import type {
  MyPanels,
  Panel,
  PanelBodies,
  PanelMember,
  PanelReview,
  PanelScores,
  SavedPanelScore,
  SetPanelInput,
  SetPanelScoreInput,
} from '../../../src/modules/panel/panel.schemas.ts';
import { request } from '../api.ts';

export type {
  Calibration,
  Divergent,
  JurorScore,
  MyPanels,
  Panel,
  PanelBodies,
  PanelBody,
  PanelMember,
  PanelReview,
  PanelScores,
  SavedPanelScore,
} from '../../../src/modules/panel/panel.schemas.ts';

const enc = encodeURIComponent;

export const panelApi = {
  panel: (pid: string, signal?: AbortSignal) => request<Panel>(`/periods/${enc(pid)}/panel`, { signal }),
  setPanel: (pid: string, evaluatorIds: string[]) =>
    request<{ members: PanelMember[] }>(`/periods/${enc(pid)}/panel`, {
      method: 'PUT',
      json: { evaluatorIds } satisfies SetPanelInput,
    }),
  bodies: (pid: string, signal?: AbortSignal) => request<PanelBodies>(`/periods/${enc(pid)}/panel/bodies`, { signal }),
  review: (pid: string, signal?: AbortSignal) => request<PanelReview>(`/periods/${enc(pid)}/panel/review`, { signal }),
  mine: (signal?: AbortSignal) => request<MyPanels>('/panels/mine', { signal }),
  score: (sid: string, input: SetPanelScoreInput) =>
    request<SavedPanelScore>(`/submissions/${enc(sid)}/panel-scores`, { method: 'PUT', json: input }),
  scores: (sid: string, signal?: AbortSignal) =>
    request<PanelScores>(`/submissions/${enc(sid)}/panel-scores`, { signal }),
};
