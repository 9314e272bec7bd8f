import { type FormEvent, useState } from 'react';
import { ApiError, fieldErrors } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useTitle } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { passwordApi } from '../password-api.ts';
import { Link, navigate } from '../router.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

// the server's rule (auth.schemas.ts PasswordSchema), shown before the person types
const MIN_PASSWORD = 10;

/** The mail's link `/reset-password/:token`: a new password, twice; then to the login page. */
export function ResetPasswordPage({ params }: PageProps) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const token = params.token ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [gone, setGone] = useState(false);
  const [busy, setBusy] = useState(false);
  useTitle(t('reset.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (password.length < MIN_PASSWORD) local.password = t('invitation.tooShort', { min: MIN_PASSWORD });
    if (repeat !== password) local.repeat = t('invitation.mismatch');
    setErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) {
      document.getElementById(local.password ? 'reset-password' : 'reset-repeat')?.focus();
      return;
    }
    setBusy(true);
    try {
      await passwordApi.reset(token, password);
      announce(t('reset.done'), 'success', { carry: true });
      navigate('/login', { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setGone(true);
      else {
        setErrors(fieldErrors(e));
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="reset-title">
        <h1 id="reset-title" tabIndex={-1}>
          {gone ? t('reset.invalidTitle') : t('reset.title')}
        </h1>
        {gone ? (
          <>
            <p className="lead">{t('reset.invalid')}</p>
            <p>
              <Link to="/forgot-password" className="btn btn-secondary">
                {t('reset.again')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <p className="lead">{t('reset.lead')}</p>
            <ErrorAlert error={error} inlinePaths={['password']} />
            <form onSubmit={submit} noValidate>
              <Field
                id="reset-password"
                label={t('invitation.password')}
                hint={t('invitation.passwordHint', { min: MIN_PASSWORD })}
                error={errors.password}
              >
                {(a11y) => (
                  <input
                    {...a11y}
                    type="password"
                    autoComplete="new-password"
                    required
                    minLength={MIN_PASSWORD}
                    value={password}
                    onChange={(e) => setPassword(e.target.value)}
                  />
                )}
              </Field>
              <Field id="reset-repeat" label={t('invitation.repeat')} error={errors.repeat}>
                {(a11y) => (
                  <input
                    {...a11y}
                    type="password"
                    autoComplete="new-password"
                    required
                    value={repeat}
                    onChange={(e) => setRepeat(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
                {busy ? t('invitation.submitting') : t('reset.submit')}
              </button>
            </form>
          </>
        )}
      </section>
    </div>
  );
}
