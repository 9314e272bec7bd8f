import { type ReactNode, useEffect, useRef, useState } from 'react';
import { api, type User } from '../api.ts';
import { LanguageSwitch, useI18n } from '../i18n/index.tsx';
import {
  canManage,
  canReadDashboard,
  canReadPeriods,
  canReadRegistry,
  defaultCommission,
  isEvaluator,
  isPlatformAdmin,
} from '../permissions.ts';
import { Link, navigate, useLocation } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';

const commissionNames = new Map<string, string>();

/** The commission's name for the header: from the user's roles, else asked of the server once (platform admins). */
function useCommissionName(user: User | null, cid: string | undefined): string | undefined {
  const fromRoles = user?.roles.find((r) => r.commissionId === cid && r.commissionName)?.commissionName;
  const [fetched, setFetched] = useState<string | undefined>(cid ? commissionNames.get(cid) : undefined);
  useEffect(() => {
    if (!user || !cid || fromRoles) return;
    const known = commissionNames.get(cid);
    if (known) {
      setFetched(known);
      return;
    }
    let live = true;
    setFetched(undefined);
    api
      .commission(cid)
      .then(({ commission }) => {
        commissionNames.set(cid, commission.name);
        if (live) setFetched(commission.name);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [user, cid, fromRoles]);
  return fromRoles ?? fetched;
}

/** Remember a commission's name learned elsewhere (the commissions page) so the header needs no request. */
export function rememberCommissionName(cid: string, name: string) {
  commissionNames.set(cid, name);
}

function NavLink({ to, children, exact = false }: { to: string; children: ReactNode; exact?: boolean }) {
  const { pathname } = useLocation();
  const active = exact ? pathname === to : pathname === to || pathname.startsWith(`${to}/`);
  return (
    <Link to={to} className="nav-link" aria-current={active ? 'page' : undefined}>
      {children}
    </Link>
  );
}

/** Header (app, commission, navigation for the role, user, sign-out, language), the live status and main. */
export function Shell({ cid, children }: { cid?: string | undefined; children: ReactNode }) {
  const { t } = useI18n();
  const { user, signOut } = useSession();
  const { message, clear, navigated } = useStatus();
  const location = useLocation();
  const contextCid = cid ?? (user ? defaultCommission(user)?.commissionId : undefined);
  const commissionName = useCommissionName(user, contextCid);
  const firstRender = useRef(true);

  // a new page: forget the last page's status and move focus to its heading, as a page load would
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each navigation
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    navigated();
    const heading = document.querySelector<HTMLElement>('main h1');
    heading?.focus({ preventScroll: true });
  }, [location.pathname]);

  const onSignOut = async () => {
    await signOut();
    navigate('/login');
  };

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('shell.skip')}
      </a>
      <header className="site-header">
        <div className={`container header-row ${user ? 'is-signed-in' : 'is-signed-out'}`}>
          <Link to={user ? '/' : '/login'} className="brand-name">
            <span className="brand-mark" aria-hidden="true">
              i
            </span>
            Informatif
          </Link>
          {user && commissionName && <span className="brand-commission">{commissionName}</span>}
          <LanguageSwitch />
          {/* signed out on a public page (results, a certificate check): the way in, not only through the logo */}
          {!user && location.pathname !== '/login' && (
            <Link to="/login" className="btn btn-header sign-in">
              {t('login.title')}
            </Link>
          )}
          {user && (
            <>
              <span className="user-name" title={user.email}>
                {user.name}
              </span>
              <button type="button" className="btn btn-header sign-out" onClick={onSignOut}>
                {t('shell.signOut')}
              </button>
            </>
          )}
        </div>
        {user && (
          <nav className="site-nav" aria-label={t('shell.navLabel')}>
            <div className="container nav-row">
              <NavLink to="/" exact>
                {t('nav.home')}
              </NavLink>
              {isPlatformAdmin(user) && <NavLink to="/commissions">{t('nav.commissions')}</NavLink>}
              {isPlatformAdmin(user) && <NavLink to="/outbox">{t('nav.platformOutbox')}</NavLink>}
              {contextCid && canReadRegistry(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/bodies`}>{t('nav.bodies')}</NavLink>
              )}
              {contextCid && canReadPeriods(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/periods`}>{t('nav.periods')}</NavLink>
              )}
              {contextCid && canManage(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/users`}>{t('nav.users')}</NavLink>
              )}
              {contextCid && canManage(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/categories`}>{t('nav.categories')}</NavLink>
              )}
              {isEvaluator(user) && <NavLink to="/evaluations">{t('nav.evaluations')}</NavLink>}
              {(isEvaluator(user) ||
                user.roles.some((r) => r.role === 'body_operator') ||
                (contextCid && canManage(user, contextCid))) && (
                <NavLink to="/clarifications">{t('nav.clarifications')}</NavLink>
              )}
              {contextCid && canManage(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/outbox`}>{t('nav.outbox')}</NavLink>
              )}
              {contextCid && canReadDashboard(user, contextCid) && (
                <NavLink to={`/c/${encodeURIComponent(contextCid)}/dashboard`}>{t('nav.dashboard')}</NavLink>
              )}
            </div>
          </nav>
        )}
      </header>
      <main id="main" className="container main">
        <div className={`status-region ${message ? `status-${message.tone}` : ''}`} role="status" aria-live="polite">
          {message && (
            <div className="status-message" key={message.id}>
              <span>{message.text}</span>
              <button type="button" className="btn-link" onClick={clear}>
                {t('common.dismiss')}
              </button>
            </div>
          )}
        </div>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container footer-row">
          <span>{t('shell.footer')}</span>
          <Link to="/public">{t('nav.public')}</Link>
          <a href="/api/docs">{t('shell.apiDocs')}</a>
        </div>
      </footer>
    </div>
  );
}
