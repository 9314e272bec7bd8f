import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { Loading } from './components/Page.tsx';
import { Shell } from './components/Shell.tsx';
import { useI18n } from './i18n/index.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import type { PageProps } from './pages/page-props.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { useSession } from './session.tsx';

/**
 * Every page is its own chunk, fetched when its route is first opened: an operator downloads the SAQ and never the
 * staff's pages (nor the charts they will carry), and staff never the SAQ sheet. The names are written out so that
 * the bundler sees each import() and can split there.
 */
const LoginPage = lazy(() => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const InvitationPage = lazy(() => import('./pages/InvitationPage.tsx').then((m) => ({ default: m.InvitationPage })));
const HomePage = lazy(() => import('./pages/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const CommissionsPage = lazy(() => import('./pages/CommissionsPage.tsx').then((m) => ({ default: m.CommissionsPage })));
const BodiesPage = lazy(() => import('./pages/BodiesPage.tsx').then((m) => ({ default: m.BodiesPage })));
const BodyEditPage = lazy(() => import('./pages/BodyEditPage.tsx').then((m) => ({ default: m.BodyEditPage })));
const UsersPage = lazy(() => import('./pages/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const PeriodsPage = lazy(() => import('./pages/PeriodsPage.tsx').then((m) => ({ default: m.PeriodsPage })));
const PeriodPage = lazy(() => import('./pages/PeriodPage.tsx').then((m) => ({ default: m.PeriodPage })));
const QuestionnairePreviewPage = lazy(() =>
  import('./pages/QuestionnairePreviewPage.tsx').then((m) => ({ default: m.QuestionnairePreviewPage })),
);
const SubmissionsPage = lazy(() => import('./pages/SubmissionsPage.tsx').then((m) => ({ default: m.SubmissionsPage })));
const SaqPage = lazy(() => import('./pages/SaqPage.tsx').then((m) => ({ default: m.SaqPage })));
const SubmissionPage = lazy(() => import('./pages/SubmissionPage.tsx').then((m) => ({ default: m.SubmissionPage })));

/** While a page's chunk arrives: announced politely to screen readers, in the reader's language (Loading's text). */
function PageLoading() {
  return (
    <div role="status" aria-live="polite">
      <Loading />
    </div>
  );
}

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
      <Suspense fallback={<PageLoading />}>
        <Page key={location.pathname} params={match.params} />
      </Suspense>
    </Shell>
  );
}
