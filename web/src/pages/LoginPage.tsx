import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { useTitle } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { homeFor } from '../permissions.ts';
import { Link, navigate, safeNext, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { user, signedIn } = useSession();
  const { search } = useLocation();
  const next = safeNext(search.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useTitle(t('login.title'));

  // already signed in (a bookmark, the back button): straight on
  useEffect(() => {
    if (user) navigate(next ?? homeFor(user), { replace: true });
  }, [user, next]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const result = await api.login(email.trim(), password);
      signedIn(result.user);
      navigate(next ?? homeFor(result.user), { replace: true });
    } catch (e) {
      setError(e);
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title" tabIndex={-1}>
          {t('login.title')}
        </h1>
        <p className="lead">{t('login.lead')}</p>
        {next && <p className="hint">{t('login.signInToContinue')}</p>}
        <ErrorAlert error={error} />
        <form onSubmit={submit} noValidate={false}>
          <Field id="login-email" label={t('login.email')}>
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
          <Field id="login-password" label={t('login.password')}>
            {(a11y) => (
              <input
                {...a11y}
                type="password"
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="auth-note">
          <Link to="/forgot-password">{t('login.forgot')}</Link>
        </p>
        <p className="hint auth-note">{t('login.inviteNote')}</p>
      </section>
    </div>
  );
}
