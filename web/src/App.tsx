import { type ComponentType, useEffect } from 'react';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { Loading } from './components/Page.tsx';
import { Shell } from './components/Shell.tsx';
import { useI18n } from './i18n/index.tsx';
import { BodiesPage } from './pages/BodiesPage.tsx';
import { BodyEditPage } from './pages/BodyEditPage.tsx';
import { CommissionsPage } from './pages/CommissionsPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { InvitationPage } from './pages/InvitationPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PeriodPage } from './pages/PeriodPage.tsx';
import { PeriodsPage } from './pages/PeriodsPage.tsx';
import { QuestionnairePreviewPage } from './pages/QuestionnairePreviewPage.tsx';
import { SaqPage } from './pages/SaqPage.tsx';
import { SubmissionPage } from './pages/SubmissionPage.tsx';
import { SubmissionsPage } from './pages/SubmissionsPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { matchPath, navigate, useLocation } from './router.tsx';
import { useSession } from './session.tsx';

export type PageProps = { params: Record<string, string> };

interface Route {
  pattern: string;
  page: ComponentType<PageProps>;
  /** Reachable signed out. */
  public?: boolean;
}

const ROUTES: Route[] = [
  { pattern: '/login', page: LoginPage, public: true },
  { pattern: '/invitations/:token', page: InvitationPage, public: true },
  { pattern: '/', page: HomePage },
  { pattern: '/commissions', page: CommissionsPage },
  { pattern: '/c/:cid/bodies', page: BodiesPage },
  { pattern: '/c/:cid/bodies/:bid', page: BodyEditPage },
  { pattern: '/c/:cid/users', page: UsersPage },
  { pattern: '/c/:cid/periods', page: PeriodsPage },
  { pattern: '/c/:cid/periods/:pid', page: PeriodPage },
  { pattern: '/c/:cid/periods/:pid/questionnaires/:categoryCode', page: QuestionnairePreviewPage },
  { pattern: '/c/:cid/periods/:pid/submissions', page: SubmissionsPage },
  { pattern: '/saq/:pid', page: SaqPage },
  { pattern: '/submissions/:sid', page: SubmissionPage },
];

function resolve(pathname: string): { route: Route; params: Record<string, string> } | undefined {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params) return { route, params };
  }
  return undefined;
}

export function App() {
  const { t } = useI18n();
  const location = useLocation();
  const session = useSession();
  const match = resolve(location.pathname);
  const needsSignIn = session.state.status === 'ready' && !session.user && match && !match.route.public;

  // a protected page while signed out: to the login page, which brings the person back here afterwards
  useEffect(() => {
    if (needsSignIn) navigate(`/login?next=${encodeURIComponent(location.href)}`, { replace: true });
  }, [needsSignIn, location.href]);

  if (session.state.status === 'loading') {
    return (
      <Shell>
        <Loading />
      </Shell>
    );
  }
  if (session.state.status === 'error') {
    return (
      <Shell>
        <h1 tabIndex={-1}>{t('app.unavailable')}</h1>
        <ErrorAlert error={session.state.error} />
        <button type="button" className="btn btn-primary" onClick={session.reload}>
          {t('common.retry')}
        </button>
      </Shell>
    );
  }
  if (!match) {
    return (
      <Shell>
        <NotFoundPage />
      </Shell>
    );
  }
  if (needsSignIn) return null;
  const Page = match.route.page;
  return (
    <Shell cid={match.params.cid}>
      <Page key={location.pathname} params={match.params} />
    </Shell>
  );
}
