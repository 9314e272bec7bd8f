import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/access.ts';
import { LIMIT } from '../../http/openapi.ts';

export const LoginSchema = z
  .object({
    email: z.string().trim().min(3).max(254),
    password: z.string().min(1).max(1000),
  })
  .openapi('LoginRequest');

export const PasswordSchema = z.string().min(10, 'At least 10 characters').max(200);

export const RoleGrantSchema = z
  .object({
    role: z.enum(ROLES),
    commissionId: z.string().max(LIMIT.id).optional(),
    bodyId: z.string().max(LIMIT.id).optional(),
    commissionCode: z.string().max(40).optional(),
    commissionName: z.string().max(LIMIT.name).optional(),
    bodyName: z.string().max(LIMIT.bodyName).optional(),
  })
  .openapi('RoleGrant');

export const UserSchema = z
  .object({
    id: z.string().max(LIMIT.id),
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    roles: z.array(RoleGrantSchema),
  })
  .openapi('User');

export const UserEnvelopeSchema = z.object({ user: UserSchema });

export const InvitationInfoSchema = z
  .object({
    email: z.string().max(LIMIT.email),
    name: z.string().max(LIMIT.name),
    role: z.string().max(40),
    commissionName: z.string().max(LIMIT.name),
    bodyName: z.string().max(LIMIT.bodyName).optional(),
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
