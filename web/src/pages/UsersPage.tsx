import { type FormEvent, useState } from 'react';
import { api, COMMISSION_ROLES, type CommissionRole, fieldErrors, type InvitationLink } from '../api.ts';
import { CopyField } from '../components/CopyField.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useDebounced, useResource } from '../hooks.ts';
import { roleLabel, useI18n } from '../i18n/index.tsx';
import { canManage } from '../permissions.ts';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

const BODY_CHOICES = 100;
const INVITE_FIELDS = ['email', 'name', 'role', 'bodyId'] as const;

/** Picks the body of a PPID operator: a search narrows the list, so it works for thousands of bodies. */
function BodyPicker({
  cid,
  value,
  onChange,
  error,
}: {
  cid: string;
  value: string;
  onChange: (bodyId: string) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 250);
  const found = useResource(
    (signal) => api.bodies(cid, { q: query || undefined, limit: BODY_CHOICES }, signal),
    [cid, query],
  );
  const bodies = found.data?.bodies ?? [];
  const total = found.data?.total ?? 0;
  return (
    <fieldset className="fieldset span-2">
      <legend>{t('users.bodyLegend')}</legend>
      <div className="form-grid form-grid-tight">
        <div className="field">
          <label htmlFor="invite-body-search">{t('users.bodySearch')}</label>
          <input
            id="invite-body-search"
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder={t('bodies.searchPlaceholder')}
          />
        </div>
        <Field
          id="invite-body"
          label={t('users.body')}
          error={error}
          hint={total > bodies.length ? t('users.bodyMore', { shown: bodies.length, total }) : undefined}
        >
          {(a11y) => (
            <select {...a11y} required value={value} onChange={(e) => onChange(e.target.value)}>
              <option value="">{found.loading && !found.data ? t('common.loading') : t('users.chooseBody')}</option>
              {bodies.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </fieldset>
  );
}

function InviteForm({ cid, onInvited }: { cid: string; onInvited: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [form, setForm] = useState<{ email: string; name: string; role: CommissionRole | ''; bodyId: string }>({
    email: '',
    name: '',
    role: '',
    bodyId: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [invited, setInvited] = useState<{ email: string; invitation: InvitationLink } | null>(null);
  const fieldLabels = {
    email: t('users.email'),
    name: t('users.name'),
    role: t('users.role'),
    bodyId: t('users.body'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.role) local.role = t('users.chooseRoleError');
    if (form.role === 'body_operator' && !form.bodyId) local.bodyId = t('users.chooseBodyError');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError(null);
      document.getElementById(local.role ? 'invite-role' : 'invite-body')?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    setInvited(null);
    try {
      const result = await api.invite(cid, {
        email: form.email.trim(),
        name: form.name.trim(),
        role: form.role as CommissionRole,
        ...(form.role === 'body_operator' ? { bodyId: form.bodyId } : {}),
      });
      setInvited({ email: result.user.email, invitation: result.invitation });
      announce(t('users.invited', { email: result.user.email }));
      setForm({ email: '', name: '', role: '', bodyId: '' });
      onInvited();
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="invite-title">
      <h2 id="invite-title">{t('users.inviteTitle')}</h2>
      <p className="hint">{t('users.inviteLead')}</p>
      {invited && (
        <div className="alert alert-success invite-result">
          <p className="alert-title">{t('users.invitedTitle', { email: invited.email })}</p>
          <CopyField id="invitation-link" label={t('users.link')} value={invited.invitation.url} />
          <p className="hint">{t('users.linkNote')}</p>
        </div>
      )}
      <ErrorAlert error={error} inlinePaths={INVITE_FIELDS} fieldLabels={fieldLabels} />
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field id="invite-email" label={t('users.email')} error={errors.email}>
          {(a11y) => (
            <input
              {...a11y}
              type="email"
              required
              autoComplete="off"
              value={form.email}
              onChange={(e) => setForm((f) => ({ ...f, email: e.target.value }))}
            />
          )}
        </Field>
        <Field id="invite-name" label={t('users.name')} error={errors.name}>
          {(a11y) => (
            <input
              {...a11y}
              required
              autoComplete="off"
              value={form.name}
              onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))}
            />
          )}
        </Field>
        <Field id="invite-role" label={t('users.role')} error={errors.role}>
          {(a11y) => (
            <select
              {...a11y}
              required
              value={form.role}
              onChange={(e) => setForm((f) => ({ ...f, role: e.target.value as CommissionRole | '', bodyId: '' }))}
            >
              <option value="">{t('users.chooseRole')}</option>
              {COMMISSION_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {form.role === 'body_operator' && (
          <BodyPicker
            cid={cid}
            value={form.bodyId}
            onChange={(bodyId) => setForm((f) => ({ ...f, bodyId }))}
            error={errors.bodyId}
          />
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('users.inviting') : t('users.invite')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function UsersPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const manage = user ? canManage(user, cid) : false;
  const [filter, setFilter] = useState('');
  const users = useResource(() => (manage ? api.users(cid) : Promise.resolve({ users: [] })), [cid, manage]);
  const invitations = useResource(
    () => (manage ? api.invitations(cid) : Promise.resolve({ invitations: [] })),
    [cid, manage],
  );

  if (!manage) {
    return (
      <>
        <PageHeader title={t('users.title')} />
        <div className="alert alert-info">{t('users.noAccess')}</div>
      </>
    );
  }

  const needle = filter.trim().toLowerCase();
  const shownUsers = (users.data?.users ?? []).filter(
    (u) =>
      !needle ||
      u.name.toLowerCase().includes(needle) ||
      u.email.toLowerCase().includes(needle) ||
      u.roles.some(
        (r) => (r.bodyName ?? '').toLowerCase().includes(needle) || roleLabel(t, r.role).toLowerCase().includes(needle),
      ),
  );

  const refresh = () => {
    users.reload();
    invitations.reload();
  };
  const statusClass = {
    pending: 'badge-warn',
    accepted: 'badge-ok',
    expired: 'badge-muted',
    cancelled: 'badge-muted',
  } as const;

  return (
    <>
      <PageHeader title={t('users.title')} lead={t('users.lead')} />
      <InviteForm cid={cid} onInvited={refresh} />

      <section className="section" aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('users.invitationsTitle')}</h2>
        <ErrorAlert error={invitations.error} />
        {invitations.loading && !invitations.data && <Loading />}
        {invitations.data && invitations.data.invitations.length === 0 && (
          <p className="empty">{t('users.noInvitations')}</p>
        )}
        {invitations.data && invitations.data.invitations.length > 0 && (
          <TableWrap label={t('users.invitationsTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('users.role')}</th>
                  <th scope="col">{t('users.body')}</th>
                  <th scope="col">{t('users.sent')}</th>
                  <th scope="col">{t('users.expires')}</th>
                  <th scope="col">{t('users.status')}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.name}</th>
                    <td className="cell-email">{i.email}</td>
                    <td>{roleLabel(t, i.role)}</td>
                    <td>{i.bodyName ?? '—'}</td>
                    <td className="nowrap">{formatDate(i.createdAt, true)}</td>
                    <td className="nowrap">{formatDate(i.expiresAt, true)}</td>
                    <td>
                      <span className={`badge ${statusClass[i.status]}`}>{t(`invitationStatus.${i.status}`)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <section className="section" aria-labelledby="users-list">
        <h2 id="users-list">{t('users.listTitle')}</h2>
        <ErrorAlert error={users.error} />
        {users.loading && !users.data && <Loading />}
        {users.data && (
          <div className="filters filters-compact">
            <div className="field">
              <label htmlFor="users-filter">{t('users.filter')}</label>
              <input id="users-filter" type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
            </div>
          </div>
        )}
        {users.data && (
          <p className="count" aria-live="polite">
            {t('users.count', { shown: shownUsers.length, total: users.data.users.length })}
          </p>
        )}
        {users.data && shownUsers.length > 0 && (
          <TableWrap label={t('users.listTitle')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('users.name')}</th>
                  <th scope="col">{t('users.email')}</th>
                  <th scope="col">{t('users.roles')}</th>
                  <th scope="col">{t('users.account')}</th>
                </tr>
              </thead>
              <tbody>
                {shownUsers.map((u) => (
                  <tr key={u.id}>
                    <th scope="row">{u.name}</th>
                    <td className="cell-email">{u.email}</td>
                    <td>
                      <ul className="inline-list">
                        {u.roles.map((r, i) => (
                          <li key={`${r.role}-${r.bodyId ?? i}`}>
                            <span className="badge">{roleLabel(t, r.role)}</span>
                            {r.bodyName && <span className="role-body"> {r.bodyName}</span>}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <span className={`badge ${u.active ? 'badge-ok' : 'badge-muted'}`}>
                        {u.active ? t('users.active') : t('users.inactive')}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </>
  );
}
