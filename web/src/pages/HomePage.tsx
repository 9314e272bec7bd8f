import type { RoleGrant } from '../api.ts';
import { api } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';

interface Card {
  to: string;
  title: string;
  text: string;
  context?: string | undefined;
}

function OperatorBody({ grant }: { grant: RoleGrant & { bodyId: string } }) {
  const { t } = useI18n();
  const body = useResource(() => api.body(grant.bodyId), [grant.bodyId]);
  const b = body.data?.body;
  return (
    <section className="card operator-card" aria-labelledby={`body-${grant.bodyId}`}>
      <p className="eyebrow">{t('home.yourBody')}</p>
      <h2 id={`body-${grant.bodyId}`}>{b?.name ?? grant.bodyName ?? '…'}</h2>
      {body.loading && !b && <Loading />}
      <ErrorAlert error={body.error} />
      {b && (
        <dl className="facts facts-inline">
          <div>
            <dt>{t('body.category')}</dt>
            <dd>{b.categoryName}</dd>
          </div>
          <div>
            <dt>{t('body.province')}</dt>
            <dd>{b.province ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('body.website')}</dt>
            <dd>{b.website ? <a href={b.website}>{b.website}</a> : '—'}</dd>
          </div>
          <div>
            <dt>{t('body.ppidEmail')}</dt>
            <dd>{b.ppidEmail ?? '—'}</dd>
          </div>
        </dl>
      )}
      <div className="notice">
        <h3>{t('home.questionnaireClosed')}</h3>
        <p>{t('home.questionnaireClosedText')}</p>
      </div>
    </section>
  );
}

export function HomePage() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!user) return null;

  const cards: Card[] = [];
  const add = (card: Card) => {
    if (!cards.some((c) => c.to === card.to)) cards.push(card);
  };
  const multiple = new Set(user.roles.map((r) => r.commissionId).filter(Boolean)).size > 1;
  for (const r of user.roles) {
    const cid = r.commissionId ? encodeURIComponent(r.commissionId) : undefined;
    const context = multiple ? r.commissionName : undefined;
    if (r.role === 'platform_admin') {
      add({ to: '/commissions', title: t('home.card.commissions'), text: t('home.card.commissionsText') });
    } else if (r.role === 'commission_admin' && cid) {
      add({ to: `/c/${cid}/bodies`, title: t('home.card.bodies'), text: t('home.card.bodiesText'), context });
      add({ to: `/c/${cid}/periods`, title: t('home.card.periods'), text: t('home.card.periodsText'), context });
      add({ to: `/c/${cid}/users`, title: t('home.card.users'), text: t('home.card.usersText'), context });
    } else if ((r.role === 'evaluator' || r.role === 'leadership') && cid) {
      add({ to: `/c/${cid}/bodies`, title: t('home.card.bodies'), text: t('home.card.bodiesReadText'), context });
      add({
        to: `/c/${cid}/periods`,
        title: t('home.card.periods'),
        text: r.role === 'leadership' ? t('home.card.periodsLeadText') : t('home.card.periodsReadText'),
        context,
      });
    }
  }
  const operated = user.roles.filter(
    (r): r is RoleGrant & { bodyId: string } => r.role === 'body_operator' && typeof r.bodyId === 'string',
  );

  return (
    <>
      <PageHeader title={t('home.title', { name: user.name })} lead={t('home.lead')} />
      {operated.map((grant) => (
        <OperatorBody key={grant.bodyId} grant={grant} />
      ))}
      {cards.length > 0 && (
        <section aria-labelledby="home-tasks">
          <h2 id="home-tasks">{t('home.tasks')}</h2>
          <ul className="card-grid">
            {cards.map((card) => (
              <li key={card.to}>
                <Link to={card.to} className="card card-link">
                  {card.context && <span className="eyebrow">{card.context}</span>}
                  <span className="card-title">{card.title}</span>
                  <span className="card-text">{card.text}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="home-roles" className="section">
        <h2 id="home-roles">{t('home.roles')}</h2>
        {user.roles.length === 0 ? (
          <p>{t('home.noRoles')}</p>
        ) : (
          <ul className="role-list">
            {user.roles.map((r) => (
              <li key={`${r.role}-${r.commissionId ?? ''}-${r.bodyId ?? ''}`}>
                <span className="badge">{t(`role.${r.role}`)}</span>
                <span>
                  {r.role === 'platform_admin'
                    ? t('home.allCommissions')
                    : (r.commissionName ?? r.commissionCode ?? '')}
                  {r.bodyName ? ` · ${r.bodyName}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
