import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/access.ts';

export const LoginSchema = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(1000),
  })
  .openapi('LoginRequest');

export const PasswordSchema = z.string().min(10, 'At least 10 characters').max(200);

/**
 * Limits of the strings this module answers with: those the registry's requests accept (registry.schemas.ts; ids as
 * IdParam, e-mail addresses as RFC 5321). Declared here too, since the registry imports from auth's neighbours, not the
 * other way round.
 */
const ID = 100;
const EMAIL = 254;
const PERSON_NAME = 200;
const COMMISSION_NAME = 200;
const BODY_NAME = 300;

export const RoleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    commissionId: z.string().max(ID).optional(),
    bodyId: z.string().max(ID).optional(),
    commissionCode: z.string().max(40).optional(),
    commissionName: z.string().max(COMMISSION_NAME).optional(),
    bodyName: z.string().max(BODY_NAME).optional(),
  })
  .openapi('RoleGrant');

export const UserSchema = z
  .object({
    id: z.string().max(ID),
    email: z.string().max(EMAIL),
    name: z.string().max(PERSON_NAME),
    roles: z.array(RoleGrantSchema),
  })
  .openapi('User');

export const UserEnvelopeSchema = z.object({ user: UserSchema });

export const InvitationInfoSchema = z
  .object({
    email: z.string().max(EMAIL),
    name: z.string().max(PERSON_NAME),
    role: z.string().max(40),
    commissionName: z.string().max(COMMISSION_NAME),
    bodyName: z.string().max(BODY_NAME).optional(),
    expiresAt: z.string(),
    /** The account already has a password: accepting asks for it instead of choosing one. */
    existingAccount: z.boolean(),
  })
  .openapi('InvitationInfo');

export const AcceptInvitationSchema = z.object({ password: PasswordSchema }).openapi('AcceptInvitationRequest');

export const HealthSchema = z
  .object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) })
  .openapi('Health');

// The types the web client takes from these contracts (web/src/api.ts imports them type-only).
export type LoginInput = z.input<typeof LoginSchema>;
export type RoleGrant = z.infer<typeof RoleGrantSchema>;
export type User = z.infer<typeof UserSchema>;
export type UserEnvelope = z.infer<typeof UserEnvelopeSchema>;
export type InvitationInfo = z.infer<typeof InvitationInfoSchema>;
export type AcceptInvitationInput = z.input<typeof AcceptInvitationSchema>;
