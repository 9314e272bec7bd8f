import type { ColumnType, Generated, Insertable, RawBuilder, Selectable, Updateable } from 'kysely';

/** Table types, kept in step with migrations/ by hand (one interface per table, camelCase via CamelCasePlugin). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** jsonb: written only through `jsonb(value)` (src/db/json.ts), so both drivers store the same thing. */
type Json<T> = ColumnType<T, RawBuilder<T> | RawBuilder<unknown>, RawBuilder<T> | RawBuilder<unknown>>;

export interface CommissionsTable {
  id: Generated<string>;
  code: string;
  name: string;
  province: string | null;
  createdAt: Timestamp;
}

export interface CategoriesTable {
  id: Generated<string>;
  commissionId: string;
  code: string;
  name: string;
  createdAt: Timestamp;
  /** Set when a category with a history (a questionnaire) is retired; null while it is in use (0009). */
  retiredAt: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Counts up on every change of the row; If-Match on a rename compares it (0013). */
  version: Generated<number>;
}

export interface BodiesTable {
  id: Generated<string>;
  commissionId: string;
  categoryId: string;
  name: string;
  nameKey: string;
  slug: string;
  province: string | null;
  website: string | null;
  ppidEmail: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: string;
  passwordHash: string | null;
  createdAt: Timestamp;
  disabledAt: Date | null;
}

export interface MembershipsTable {
  id: Generated<string>;
  userId: string;
  role: string;
  commissionId: string | null;
  bodyId: string | null;
  createdAt: Timestamp;
  /** Why a conflict of interest (operator and evaluator of one commission) was accepted (0010). */
  conflictReason: Generated<string | null>;
}

export interface SessionsTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Date;
  lastSeenAt: Timestamp;
}

export interface InvitationsTable {
  id: Generated<string>;
  tokenHash: string;
  commissionId: string;
  userId: string;
  /** Set at acceptance, when the membership is created; null after the role is revoked (0010). */
  membershipId: string | null;
  invitedBy: string | null;
  createdAt: Timestamp;
  expiresAt: Date;
  usedAt: Date | null;
  role: string;
  bodyId: string | null;
  conflictReason: string | null;
  cancelledAt: Date | null;
}

export interface AuthFailuresTable {
  id: Generated<number>;
  kind: string;
  key: string;
  at: Timestamp;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: string;
  recipient: string;
  subject: string;
  body: string;
  payload: Json<Record<string, unknown>>;
  createdAt: Timestamp;
  attempts: Generated<number>;
  sentAt: Date | null;
  lastError: string | null;
  /** Not tried again before this (a back-off after each failure); null: due now. */
  nextAttemptAt: Generated<Date | null>;
  /** A key of the notice's cause; a second notice with the same key is not queued. */
  dedupeKey: Generated<string | null>;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: Timestamp;
  actorId: string | null;
  commissionId: string | null;
  event: string;
  subjectType: string;
  subjectId: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reason: string | null;
}

export interface PeriodsTable {
  id: Generated<string>;
  commissionId: string;
  year: number;
  title: string;
  stage: Generated<string>;
  methodology: Json<unknown>;
  schedule: Json<unknown>;
  settings: Json<unknown>;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface StageEventsTable {
  id: Generated<number>;
  periodId: string;
  fromStage: string;
  toStage: string;
  actorId: string | null;
  at: Timestamp;
  reason: string | null;
  /** The consequences the move's confirmation showed (0012), null for moves before it. */
  figures: Json<unknown> | null;
}

export interface QuestionnairesTable {
  id: Generated<string>;
  commissionId: string;
  periodId: string;
  categoryId: string;
  source: string | null;
  version: Generated<number>;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/** numeric columns arrive as strings from both drivers: exact decimals, read with Rational.of. */
type Numeric = ColumnType<string, string | number, string | number>;

export interface IndicatorsTable {
  id: Generated<string>;
  questionnaireId: string;
  code: string;
  title: string;
  weight: Numeric;
  position: number;
}

export interface QuestionsTable {
  id: Generated<string>;
  questionnaireId: string;
  indicatorId: string;
  code: string;
  text: string;
  guidance: string | null;
  type: string;
  weight: Numeric;
  evidence: string;
  maxPoints: ColumnType<string, string | number | undefined, string | number>;
  position: number;
}

export interface QuestionOptionsTable {
  questionId: string;
  code: string;
  label: string;
  score: Numeric;
  position: number;
}

export interface QuestionItemsTable {
  questionId: string;
  code: string;
  label: string;
  points: Numeric;
  position: number;
}

export interface SubmissionsTable {
  id: Generated<string>;
  commissionId: string;
  periodId: string;
  bodyId: string;
  status: Generated<string>;
  version: Generated<number>;
  submittedAt: Date | null;
  deadlineOverride: Date | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
  verificationState: Generated<string>;
  verificationCompletedAt: Date | null;
  verificationCompletedBy: string | null;
  /** From the presentation stage on: whether the rounded verified SAQ reached the gate; null before. */
  proceeds: Generated<boolean | null>;
  /** The first submission's time, kept through reopenings. */
  firstSubmittedAt: Generated<Date | null>;
}

export interface AnswersTable {
  submissionId: string;
  questionId: string;
  questionCode: string;
  value: Json<unknown> | null;
  note: string | null;
  selfPoints: Numeric;
  verifiedValue: Json<unknown> | null;
  verifiedPoints: Numeric | null;
  verifiedReason: string | null;
  verifiedBy: string | null;
  /** When the verified value was last set; null: not verified yet. */
  verifiedAt: Generated<Date | null>;
  changedVersion: Generated<number>;
  carried: Generated<boolean>;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface PanelMembersTable {
  periodId: string;
  userId: string;
}

export interface PanelScoresTable {
  submissionId: string;
  jurorId: string;
  component: string;
  score: Numeric;
  updatedAt: Timestamp;
  createdAt: Generated<Date>;
}

export interface AssignmentsTable {
  id: Generated<string>;
  commissionId: string;
  periodId: string;
  submissionId: string;
  evaluatorId: string;
  assignedBy: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface EvaluatorExclusionsTable {
  id: Generated<string>;
  commissionId: string;
  bodyId: string;
  evaluatorId: string;
  reason: string;
  createdBy: string | null;
  createdAt: Generated<Date>;
}

export interface ClarificationsTable {
  id: Generated<string>;
  commissionId: string;
  submissionId: string;
  questionCode: string;
  askedBy: string | null;
  message: string;
  dueAt: Date;
  status: Generated<string>;
  /** YYYY-MM-DD (Asia/Jakarta) of the last reminder queued; at most one a day. */
  remindedOn: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
}

export interface ClarificationMessagesTable {
  id: Generated<number>;
  clarificationId: string;
  authorId: string | null;
  message: string;
  evidence: Json<unknown>;
  createdAt: Generated<Date>;
}

export interface ObjectionsTable {
  id: Generated<string>;
  commissionId: string;
  submissionId: string;
  questionCode: string;
  reason: string;
  evidence: Json<unknown>;
  filedBy: string | null;
  createdAt: Generated<Date>;
  status: Generated<string>;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  beforeValue: Json<unknown> | null;
  afterValue: Json<unknown> | null;
}

export interface FilesTable {
  id: Generated<string>;
  commissionId: string;
  submissionId: string;
  name: string;
  size: ColumnType<string, number, number>;
  contentType: string;
  sha256: string;
  storageKey: string;
  uploadedBy: string | null;
  createdAt: Timestamp;
}

export interface EvidenceTable {
  id: Generated<number>;
  submissionId: string;
  questionCode: string;
  position: number;
  url: string | null;
  fileId: string | null;
}

export interface LinkChecksTable {
  url: string;
  status: number | null;
  error: string | null;
  checkedAt: Date | null;
  firstSeenAt: Timestamp;
}

export interface SubmissionHistoryTable {
  id: Generated<number>;
  submissionId: string;
  questionCode: string | null;
  at: Timestamp;
  actorId: string | null;
  event: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reason: string | null;
}

export interface CorrectionsTable {
  id: Generated<string>;
  commissionId: string;
  periodId: string;
  submissionId: string;
  kind: 'verified_value' | 'panel_score';
  questionCode: string | null;
  component: string | null;
  before: Json<unknown> | null;
  after: Json<unknown>;
  score: Numeric | null;
  reason: string;
  actorId: string | null;
  createdAt: Generated<Date>;
}

/** decree_date is a SQL date: select it as text (`to_char(decree_date, 'YYYY-MM-DD')`), both drivers alike. */
export interface ResultVersionsTable {
  id: Generated<string>;
  commissionId: string;
  periodId: string;
  version: number;
  decreeNumber: string;
  decreeDate: ColumnType<string, string, never>;
  publishedAt: Generated<Date>;
  publishedBy: string | null;
  methodology: Json<unknown>;
  source: Generated<'computed' | 'imported'>;
  example: Generated<boolean>;
  changed: Generated<number>;
}

export interface ResultRowsTable {
  versionId: string;
  periodId: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  submissionId: string | null;
  components: Json<Record<string, number | null>>;
  final: Numeric;
  band: string;
  bandIndex: number;
  rank: number;
  position: number;
  example: Generated<boolean>;
}

export interface ResultDiffsTable {
  versionId: string;
  bodyId: string;
  bodyName: string;
  categoryCode: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  reasons: Json<unknown>;
}

export interface CertificatesTable {
  code: string;
  commissionId: string;
  periodId: string;
  versionId: string;
  bodyId: string;
  bodyName: string;
  band: string;
  final: Numeric;
  issuedAt: Generated<Date>;
  revokedAt: Date | null;
  revokedByVersionId: string | null;
  replacedBy: string | null;
}

export interface PasswordResetsTable {
  id: Generated<string>;
  tokenHash: string;
  userId: string;
  createdAt: Timestamp;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A device (its cookie token's hash) or a client address (its hash) an account signed in from (decision 016). */
export interface KnownLoginsTable {
  id: Generated<number>;
  userId: string;
  kind: 'device' | 'address';
  keyHash: string;
  createdAt: Timestamp;
  lastUsedAt: Timestamp;
}

export interface Database {
  commissions: CommissionsTable;
  categories: CategoriesTable;
  bodies: BodiesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  authFailures: AuthFailuresTable;
  outbox: OutboxTable;
  auditEvents: AuditEventsTable;
  periods: PeriodsTable;
  stageEvents: StageEventsTable;
  questionnaires: QuestionnairesTable;
  indicators: IndicatorsTable;
  questions: QuestionsTable;
  questionOptions: QuestionOptionsTable;
  questionItems: QuestionItemsTable;
  submissions: SubmissionsTable;
  answers: AnswersTable;
  panelMembers: PanelMembersTable;
  panelScores: PanelScoresTable;
  assignments: AssignmentsTable;
  evaluatorExclusions: EvaluatorExclusionsTable;
  clarifications: ClarificationsTable;
  clarificationMessages: ClarificationMessagesTable;
  objections: ObjectionsTable;
  files: FilesTable;
  evidence: EvidenceTable;
  linkChecks: LinkChecksTable;
  submissionHistory: SubmissionHistoryTable;
  corrections: CorrectionsTable;
  resultVersions: ResultVersionsTable;
  resultRows: ResultRowsTable;
  resultDiffs: ResultDiffsTable;
  certificates: CertificatesTable;
  passwordResets: PasswordResetsTable;
  knownLogins: KnownLoginsTable;
}

export type CommissionRow = Selectable<CommissionsTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type BodyRow = Selectable<BodiesTable>;
export type NewBody = Insertable<BodiesTable>;
export type BodyUpdate = Updateable<BodiesTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
