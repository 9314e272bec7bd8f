import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useTitle } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { passwordApi } from '../password-api.ts';
import { Link } from '../router.tsx';

/** "Lupa kata sandi": asks for a reset link; says the same whatever the address (the server does too). */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('forgot.title'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await passwordApi.requestReset(email.trim());
      setSent(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="forgot-title">
        <h1 id="forgot-title" tabIndex={-1}>
          {t('forgot.title')}
        </h1>
        {sent ? (
          <div className="alert alert-success" role="status">
            {t('forgot.sent')}
          </div>
        ) : (
          <>
            <p className="lead">{t('forgot.lead')}</p>
            <ErrorAlert error={error} />
            <form onSubmit={submit}>
              <Field id="forgot-email" label={t('login.email')}>
                {(a11y) => (
                  <input
                    {...a11y}
                    type="email"
                    name="email"
                    autoComplete="username"
                    required
                    value={email}
                    onChange={(e) => setEmail(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
                {busy ? t('forgot.submitting') : t('forgot.submit')}
              </button>
            </form>
          </>
        )}
        <p className="auth-note">
          <Link to="/login">{t('forgot.toLogin')}</Link>
        </p>
      </section>
    </div>
  );
}
