import { type FormEvent, useState } from 'react';
import { ApiError, api, fieldErrors } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading } from '../components/Page.tsx';
import { useResource, useTitle } from '../hooks.ts';
import { roleLabel, useI18n } from '../i18n/index.tsx';
import { homeFor } from '../permissions.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

const MIN_PASSWORD = 10;

export function InvitationPage({ params }: PageProps) {
  const { t, formatDate } = useI18n();
  const { user, signedIn } = useSession();
  const { announce } = useStatus();
  const token = params.token ?? '';
  const invitation = useResource(() => api.invitation(token), [token]);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useTitle(t('invitation.title'));

  // an existing account accepts by signing in with the password it has: nothing new to choose
  const existing = invitation.data?.existingAccount === true;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (existing) {
      if (!password) local.password = t('invitation.passwordMissing');
    } else {
      if (password.length < MIN_PASSWORD) local.password = t('invitation.tooShort', { min: MIN_PASSWORD });
      if (repeat !== password) local.repeat = t('invitation.mismatch');
    }
    setErrors(local);
    setError(null);
    if (Object.keys(local).length > 0) {
      document.getElementById(local.password ? 'invite-password' : 'invite-repeat')?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.acceptInvitation(token, password);
      signedIn(result.user);
      announce(
        existing
          ? t('invitation.roleAdded', { name: result.user.name })
          : t('invitation.welcome', { name: result.user.name }),
        'success',
        { carry: true },
      );
      navigate(homeFor(result.user), { replace: true });
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const gone = invitation.error instanceof ApiError && invitation.error.status === 404;

  return (
    <div className="auth-layout">
      <section className="card auth-card" aria-labelledby="invitation-title">
        <h1 id="invitation-title" tabIndex={-1}>
          {gone ? t('invitation.invalidTitle') : t('invitation.title')}
        </h1>
        {invitation.loading && !invitation.data && <Loading />}
        {gone && (
          <>
            <p className="lead">{t('invitation.invalid')}</p>
            <p>
              <Link to="/login" className="btn btn-secondary">
                {t('invitation.toLogin')}
              </Link>
            </p>
          </>
        )}
        {invitation.error && !gone ? <ErrorAlert error={invitation.error} /> : null}
        {invitation.data && (
          <>
            <p className="lead">
              {existing
                ? t('invitation.existingLead', { commission: invitation.data.commissionName })
                : t('invitation.lead', { commission: invitation.data.commissionName })}
            </p>
            <dl className="facts">
              <div>
                <dt>{t('invitation.name')}</dt>
                <dd>{invitation.data.name}</dd>
              </div>
              <div>
                <dt>{t('invitation.email')}</dt>
                <dd>{invitation.data.email}</dd>
              </div>
              <div>
                <dt>{t('invitation.role')}</dt>
                <dd>{roleLabel(t, invitation.data.role)}</dd>
              </div>
              {invitation.data.bodyName && (
                <div>
                  <dt>{t('invitation.body')}</dt>
                  <dd>{invitation.data.bodyName}</dd>
                </div>
              )}
              <div>
                <dt>{t('invitation.expires')}</dt>
                <dd>{formatDate(invitation.data.expiresAt, true)}</dd>
              </div>
            </dl>
            {user && user.email !== invitation.data.email && (
              <p className="alert alert-info">{t('invitation.otherUser', { email: user.email })}</p>
            )}
            <ErrorAlert error={error} inlinePaths={['password']} />
            <form onSubmit={submit} noValidate>
              {/* lets password managers store the new password under the right account */}
              <input type="hidden" name="username" autoComplete="username" value={invitation.data.email} />
              {existing ? (
                <Field id="invite-password" label={t('invitation.currentPassword')} error={errors.password}>
                  {(a11y) => (
                    <input
                      {...a11y}
                      type="password"
                      autoComplete="current-password"
                      required
                      value={password}
                      onChange={(e) => setPassword(e.target.value)}
                    />
                  )}
                </Field>
              ) : (
                <>
                  <Field
                    id="invite-password"
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
                  <Field id="invite-repeat" label={t('invitation.repeat')} error={errors.repeat}>
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
                </>
              )}
              <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
                {busy ? t('invitation.submitting') : existing ? t('invitation.signInToAccept') : t('invitation.submit')}
              </button>
            </form>
          </>
        )}
      </section>
    </div>
  );
}
