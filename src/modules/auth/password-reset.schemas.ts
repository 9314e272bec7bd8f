import { z } from '@hono/zod-openapi';
import { PasswordSchema } from './auth.schemas.ts';

export const PasswordResetRequestSchema = z
  .object({ email: z.string().trim().min(3).max(254) })
  .openapi('PasswordResetRequest');

export const PasswordResetAcceptedSchema = z.object({ status: z.literal('accepted') }).openapi('PasswordResetAccepted');

export const PasswordResetSchema = z.object({ password: PasswordSchema }).openapi('PasswordReset');

// The types the web client takes from these contracts (imported type-only).
export type PasswordResetRequestInput = z.input<typeof PasswordResetRequestSchema>;
export type PasswordResetAccepted = z.infer<typeof PasswordResetAcceptedSchema>;
export type PasswordResetInput = z.input<typeof PasswordResetSchema>;
