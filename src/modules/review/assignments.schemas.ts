import { z } from '@hono/zod-openapi';
import { VERIFICATION_STATES } from '../../domain/review.ts';
import { LIMIT } from '../../http/openapi.ts';

/** Assignment of submissions to evaluators, conflicts of interest, the workload view and the evaluator's queue. */

const id = z.string().max(LIMIT.id);
const count = z.number().int().min(0);
const refId = z.string().trim().min(1).max(LIMIT.id);

export const AssignmentSchema = z
  .object({
    id,
    periodId: id,
    submissionId: id,
    bodyId: id,
    bodyName: z.string().max(LIMIT.bodyName),
    categoryCode: z.string().max(LIMIT.code),
    evaluatorId: id,
    evaluatorName: z.string().max(LIMIT.name),
    verificationState: z.enum(VERIFICATION_STATES),
    /** Questions whose verified value is set. */
    verified: count,
    /** Questions of the submission's questionnaire. */
    total: count,
    updatedAt: z.string(),
  })
  .openapi('Assignment');
export type Assignment = z.infer<typeof AssignmentSchema>;

/** A submitted submission that no evaluator holds yet. */
export const UnassignedSchema = z
  .object({
    submissionId: id,
    bodyId: id,
    bodyName: z.string().max(LIMIT.bodyName),
    categoryCode: z.string().max(LIMIT.code),
    total: count,
  })
  .openapi('UnassignedSubmission');
export type Unassigned = z.infer<typeof UnassignedSchema>;

export const AssignmentListSchema = z
  .object({ assignments: z.array(AssignmentSchema), unassigned: z.array(UnassignedSchema) })
  .openapi('AssignmentList');
export type AssignmentList = z.infer<typeof AssignmentListSchema>;

export const CreateAssignmentSchema = z.object({ submissionId: refId, evaluatorId: refId }).openapi('CreateAssignment');
export type CreateAssignmentInput = z.infer<typeof CreateAssignmentSchema>;

export const ReassignSchema = z.object({ evaluatorId: refId }).openapi('Reassign');
export type ReassignInput = z.infer<typeof ReassignSchema>;

export const AutoAssignSchema = z
  .object({
    /** The evaluators to share the work among; absent: every evaluator of the commission. */
    evaluatorIds: z.array(refId).min(1).max(500).optional(),
  })
  .openapi('AutoAssign');
export type AutoAssignInput = z.infer<typeof AutoAssignSchema>;

export const AutoAssignResultSchema = z
  .object({
    assigned: z.array(AssignmentSchema),
    /** Submitted submissions left unassigned because every chosen evaluator is excluded from the body. */
    skipped: z.array(UnassignedSchema),
  })
  .openapi('AutoAssignResult');
export type AutoAssignResult = z.infer<typeof AutoAssignResultSchema>;

export const ExclusionSchema = z
  .object({
    id,
    commissionId: id,
    bodyId: id,
    bodyName: z.string().max(LIMIT.bodyName),
    evaluatorId: id,
    evaluatorName: z.string().max(LIMIT.name),
    reason: z.string().max(2000),
    createdAt: z.string(),
  })
  .openapi('Exclusion');
export type Exclusion = z.infer<typeof ExclusionSchema>;

export const CreateExclusionSchema = z
  .object({ bodyId: refId, evaluatorId: refId, reason: z.string().trim().min(3).max(2000) })
  .openapi('CreateExclusion');
export type CreateExclusionInput = z.infer<typeof CreateExclusionSchema>;

export const WorkloadRowSchema = z
  .object({
    evaluatorId: id,
    name: z.string().max(LIMIT.name),
    email: z.string().max(LIMIT.email),
    assigned: count,
    notStarted: count,
    inProgress: count,
    complete: count,
    /** Assigned submissions not complete once the verification deadline has passed. */
    overdue: count,
    /** Questions to verify across the evaluator's assignments. */
    questions: count,
  })
  .openapi('WorkloadRow');
export type WorkloadRow = z.infer<typeof WorkloadRowSchema>;

export const WorkloadSchema = z
  .object({
    /** The end of the schedule's verification stage (end of day, Asia/Jakarta), or null without one. */
    deadline: z.string().nullable(),
    evaluators: z.array(WorkloadRowSchema),
    /** Submitted submissions no evaluator holds yet. */
    unassigned: count,
  })
  .openapi('Workload');
export type Workload = z.infer<typeof WorkloadSchema>;

export const EvaluationSchema = z
  .object({
    assignmentId: id,
    submissionId: id,
    periodId: id,
    periodTitle: z.string().max(200),
    year: z.number().int(),
    stage: z.string().max(LIMIT.code),
    commissionId: id,
    bodyName: z.string().max(LIMIT.bodyName),
    categoryCode: z.string().max(LIMIT.code),
    verificationState: z.enum(VERIFICATION_STATES),
    verified: count,
    total: count,
    deadline: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi('Evaluation');
export type Evaluation = z.infer<typeof EvaluationSchema>;

export const EvaluationListSchema = z.object({ evaluations: z.array(EvaluationSchema) }).openapi('EvaluationList');
export type EvaluationList = z.infer<typeof EvaluationListSchema>;
