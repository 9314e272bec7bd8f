/** Review vocabulary shared by the server and the web client (issue 22): verification, clarification, objection. */

/** A submission's verification, a state of its own beside its status. */
export const VERIFICATION_STATES = ['not_started', 'in_progress', 'complete'] as const;
export type VerificationState = (typeof VERIFICATION_STATES)[number];

export const CLARIFICATION_STATUSES = ['open', 'answered', 'closed'] as const;
export type ClarificationStatus = (typeof CLARIFICATION_STATUSES)[number];

export const OBJECTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type ObjectionStatus = (typeof OBJECTION_STATUSES)[number];

/** The default spread of one body's juror scores above which the admin is warned (API.md: settings.panel.divergence). */
export const DEFAULT_PANEL_DIVERGENCE = 15;

/** Clarifications due within this many days are in the daily reminder. */
export const REMINDER_DAYS = 3;
