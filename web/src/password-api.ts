/** "Lupa kata sandi" (issue 25): types from the server's route schemas, imported type-only, as in api.ts. */
import type {
  PasswordResetAccepted,
  PasswordResetInput,
  PasswordResetRequestInput,
} from '../../src/modules/auth/password-reset.schemas.ts';
import { request } from './api.ts';

export const passwordApi = {
  /** Asks for a reset link; the answer is the same whether an account has this address or not. */
  requestReset: (email: string) =>
    request<PasswordResetAccepted>('/auth/password-reset', {
      method: 'POST',
      json: { email } satisfies PasswordResetRequestInput,
      allow401: true,
    }),
  /** Sets the new password from the mail's link (once); the person then signs in. */
  reset: (token: string, password: string) =>
    request<void>(`/auth/password-reset/${encodeURIComponent(token)}`, {
      method: 'POST',
      json: { password } satisfies PasswordResetInput,
      allow401: true,
    }),
};
