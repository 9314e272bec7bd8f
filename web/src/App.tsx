import { type ComponentType, lazy, Suspense, useEffect } from 'react';
import type { User } from './api.ts';
import { ErrorAlert } from './components/ErrorAlert.tsx';
import { Loading } from './components/Page.tsx';
import { Shell } from './components/Shell.tsx';
import type { MessageKey } from './i18n/index.tsx';
import { useI18n } from './i18n/index.tsx';
import { ForbiddenPage } from './pages/ForbiddenPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import type { PageProps } from './pages/page-props.ts';
import { canManage, canReadDashboard, canReadPeriods, canReadRegistry } from './permissions.ts';
import { matchPath, navigate, useLocation } from './router.tsx';
import { useSession } from './session.tsx';

/**
 * Every page is its own chunk, fetched when its route is first opened: an operator downloads the SAQ and never the
 * staff's pages (nor the charts they will carry), and staff never the SAQ sheet. The names are written out so that
 * the bundler sees each import() and can split there.
 */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType<PageProps>>>, name: K) {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}

const LoginPage = lazyPage(() => import('./pages/LoginPage.tsx'), 'LoginPage');
const InvitationPage = lazyPage(() => import('./pages/InvitationPage.tsx'), 'InvitationPage');
const HomePage = lazyPage(() => import('./pages/HomePage.tsx'), 'HomePage');
const CommissionsPage = lazyPage(() => import('./pages/CommissionsPage.tsx'), 'CommissionsPage');
const BodiesPage = lazyPage(() => import('./pages/BodiesPage.tsx'), 'BodiesPage');
const BodyEditPage = lazyPage(() => import('./pages/BodyEditPage.tsx'), 'BodyEditPage');
const UsersPage = lazyPage(() => import('./pages/UsersPage.tsx'), 'UsersPage');
const CategoriesPage = lazyPage(() => import('./pages/CategoriesPage.tsx'), 'CategoriesPage');
const PeriodsPage = lazyPage(() => import('./pages/PeriodsPage.tsx'), 'PeriodsPage');
const PeriodPage = lazyPage(() => import('./pages/PeriodPage.tsx'), 'PeriodPage');
const QuestionnairePreviewPage = lazyPage(
  () => import('./pages/QuestionnairePreviewPage.tsx'),
  'QuestionnairePreviewPage',
);
const SubmissionsPage = lazyPage(() => import('./pages/SubmissionsPage.tsx'), 'SubmissionsPage');
const SaqPage = lazyPage(() => import('./pages/SaqPage.tsx'), 'SaqPage');
const SubmissionPage = lazyPage(() => import('./pages/SubmissionPage.tsx'), 'SubmissionPage');
const AssignmentsPage = lazyPage(() => import('./pages/AssignmentsPage.tsx'), 'AssignmentsPage');
const EvaluationsPage = lazyPage(() => import('./pages/EvaluationsPage.tsx'), 'EvaluationsPage');
const VerificationPage = lazyPage(() => import('./pages/VerificationPage.tsx'), 'VerificationPage');
const ObjectionsPage = lazyPage(() => import('./pages/ObjectionsPage.tsx'), 'ObjectionsPage');
const ClarificationsPage = lazyPage(() => import('./pages/ClarificationsPage.tsx'), 'ClarificationsPage');
const BodyReviewPage = lazyPage(() => import('./pages/BodyReviewPage.tsx'), 'BodyReviewPage');
const PanelPage = lazyPage(() => import('./pages/PanelPage.tsx'), 'PanelPage');
const PanelAdminPage = lazyPage(() => import('./pages/PanelAdminPage.tsx'), 'PanelAdminPage');
const OutboxPage = lazyPage(() => import('./pages/OutboxPage.tsx'), 'OutboxPage');
const ForgotPasswordPage = lazyPage(() => import('./pages/ForgotPasswordPage.tsx'), 'ForgotPasswordPage');
const ResetPasswordPage = lazyPage(() => import('./pages/ResetPasswordPage.tsx'), 'ResetPasswordPage');
const HistoryPage = lazyPage(() => import('./pages/HistoryPage.tsx'), 'HistoryPage');
const ResultsPage = lazyPage(() => import('./pages/ResultsPage.tsx'), 'ResultsPage');
const DashboardPage = lazyPage(() => import('./pages/DashboardPage.tsx'), 'DashboardPage');
const ScorecardPage = lazyPage(() => import('./pages/ScorecardPage.tsx'), 'ScorecardPage');
const PublicHomePage = lazyPage(() => import('./pages/PublicHomePage.tsx'), 'PublicHomePage');
const PublicResultsPage = lazyPage(() => import('./pages/PublicResultsPage.tsx'), 'PublicResultsPage');
const PublicMethodologyPage = lazyPage(() => import('./pages/PublicMethodologyPage.tsx'), 'PublicMethodologyPage');
const PublicBodyPage = lazyPage(() => import('./pages/PublicBodyPage.tsx'), 'PublicBodyPage');
const CertificateCheckPage = lazyPage(() => import('./pages/CertificateCheckPage.tsx'), 'CertificateCheckPage');
const ReceiptPage = lazyPage(() => import('./pages/ReceiptPage.tsx'), 'ReceiptPage');

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
  { pattern: '/c/:cid/categories', page: CategoriesPage },
  { pattern: '/c/:cid/periods', page: PeriodsPage },
  { pattern: '/c/:cid/periods/:pid', page: PeriodPage },
  { pattern: '/c/:cid/periods/:pid/questionnaires/:categoryCode', page: QuestionnairePreviewPage },
  { pattern: '/c/:cid/periods/:pid/submissions', page: SubmissionsPage },
  { pattern: '/saq/:pid', page: SaqPage },
  { pattern: '/submissions/:sid', page: SubmissionPage },
  { pattern: '/c/:cid/periods/:pid/assignments', page: AssignmentsPage },
  { pattern: '/evaluations', page: EvaluationsPage },
  { pattern: '/verification/:sid', page: VerificationPage },
  { pattern: '/c/:cid/periods/:pid/objections', page: ObjectionsPage },
  { pattern: '/clarifications', page: ClarificationsPage },
  { pattern: '/submissions/:sid/review', page: BodyReviewPage },
  { pattern: '/panel/:pid', page: PanelPage },
  { pattern: '/c/:cid/periods/:pid/panel', page: PanelAdminPage },
  { pattern: '/c/:cid/outbox', page: OutboxPage },
  { pattern: '/submissions/:sid/history', page: HistoryPage },
  { pattern: '/c/:cid/periods/:pid/results', page: ResultsPage },
  { pattern: '/c/:cid/dashboard', page: DashboardPage },
  { pattern: '/submissions/:sid/scorecard', page: ScorecardPage },
  { pattern: '/public', page: PublicHomePage, public: true },
  { pattern: '/public/bodies/:bid', page: PublicBodyPage, public: true },
  { pattern: '/public/:code/:year', page: PublicResultsPage, public: true },
  { pattern: '/public/:code/:year/methodology', page: PublicMethodologyPage, public: true },
  { pattern: '/verify/:code', page: CertificateCheckPage, public: true },
  { pattern: '/submissions/:sid/receipt', page: ReceiptPage },
  { pattern: '/forgot-password', page: ForgotPasswordPage, public: true },
  { pattern: '/reset-password/:token', page: ResetPasswordPage, public: true },
  { pattern: '/outbox', page: OutboxPage },
];

/**
 * Client routes the signed-in user's roles cannot open (permissions.ts, as the pages and the navigation decide): the
 * no-access page, with the page's own reason where it has one, rather than the page or "not found" (issue 25 item 8).
 */
const GUARDS: Record<string, { allowed: (user: User, cid: string) => boolean; reason?: MessageKey }> = {
  '/c/:cid/users': { allowed: canManage, reason: 'users.noAccess' },
  '/c/:cid/outbox': { allowed: canManage, reason: 'outbox.noAccess' },
  '/c/:cid/bodies': { allowed: canReadRegistry, reason: 'bodies.noAccess' },
  '/c/:cid/periods': { allowed: canReadPeriods, reason: 'periods.noAccess' },
  '/c/:cid/periods/:pid': { allowed: canReadPeriods, reason: 'periods.noAccess' },
  '/c/:cid/periods/:pid/submissions': { allowed: canReadPeriods, reason: 'periods.noAccess' },
  '/c/:cid/periods/:pid/results': { allowed: canReadDashboard, reason: 'results.noAccess' },
  '/c/:cid/dashboard': { allowed: canReadDashboard, reason: 'dashboard.noAccess' },
};

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
  const guard = GUARDS[match.route.pattern];
  if (guard && session.user && !guard.allowed(session.user, match.params.cid ?? '')) {
    return (
      <Shell cid={match.params.cid}>
        <ForbiddenPage reason={guard.reason} />
      </Shell>
    );
  }
  const Page = match.route.page;
  return (
    <Shell cid={match.params.cid}>
      <Suspense fallback={<PageLoading />}>
        <Page key={location.pathname} params={match.params} />
      </Suspense>
    </Shell>
  );
}
