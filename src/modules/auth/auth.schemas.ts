import { z } from '@hono/zod-openapi';
import { ROLES } from '../../domain/access.ts';

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
    commissionId: z.string().optional(),
    bodyId: z.string().optional(),
    commissionCode: z.string().optional(),
    commissionName: z.string().optional(),
    bodyName: z.string().optional(),
  })
  .openapi('RoleGrant');

export const UserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    roles: z.array(RoleGrantSchema),
  })
  .openapi('User');

export const UserEnvelopeSchema = z.object({ user: UserSchema });

export const InvitationInfoSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    role: z.string(),
    commissionName: z.string(),
    bodyName: z.string().optional(),
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
