import type {
  Assignment,
  AssignmentList,
  AutoAssignInput,
  AutoAssignResult,
  CreateAssignmentInput,
  CreateExclusionInput,
  EvaluationList,
  Exclusion,
  ReassignInput,
  Workload,
} from '../../../src/modules/review/assignments.schemas.ts';
import { request } from '../api.ts';

/** The assignment, exclusion, workload and queue routes (issue 22, item 1), typed by the server's route schemas. */

export type { Assignment, AssignmentList, AutoAssignResult, EvaluationList, Exclusion, Workload };
export type Evaluation = EvaluationList['evaluations'][number];
export type WorkloadRow = Workload['evaluators'][number];
export type UnassignedSubmission = AssignmentList['unassigned'][number];

const enc = encodeURIComponent;

export const assignmentsApi = {
  list: (pid: string, signal?: AbortSignal) => request<AssignmentList>(`/periods/${enc(pid)}/assignments`, { signal }),
  assign: (pid: string, input: CreateAssignmentInput) =>
    request<{ assignment: Assignment }>(`/periods/${enc(pid)}/assignments`, { method: 'POST', json: input }),
  auto: (pid: string, input: AutoAssignInput = {}) =>
    request<AutoAssignResult>(`/periods/${enc(pid)}/assignments/auto`, { method: 'POST', json: input }),
  reassign: (assignmentId: string, input: ReassignInput) =>
    request<{ assignment: Assignment }>(`/assignments/${enc(assignmentId)}`, { method: 'PATCH', json: input }),
  workload: (pid: string, signal?: AbortSignal) => request<Workload>(`/periods/${enc(pid)}/workload`, { signal }),
  evaluations: (signal?: AbortSignal) => request<EvaluationList>('/evaluations', { signal }),
  exclusions: (cid: string, signal?: AbortSignal) =>
    request<{ exclusions: Exclusion[] }>(`/commissions/${enc(cid)}/exclusions`, { signal }),
  exclude: (cid: string, input: CreateExclusionInput) =>
    request<{ exclusion: Exclusion }>(`/commissions/${enc(cid)}/exclusions`, { method: 'POST', json: input }),
  removeExclusion: (id: string) => request<void>(`/exclusions/${enc(id)}`, { method: 'DELETE' }),
};
