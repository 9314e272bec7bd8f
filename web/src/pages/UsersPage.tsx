import { type FormEvent, useState } from 'react';
import {
  ApiError,
  api,
  COMMISSION_ROLES,
  type CommissionRole,
  type CommissionUser,
  fieldErrors,
  type InvitationLink,
  type InvitationRow,
} from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { CopyField } from '../components/CopyField.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useDebounced, useResource } from '../hooks.ts';
import { roleLabel, useI18n } from '../i18n/index.tsx';
import { peopleApi } from '../people-api.ts';
import { canManage, isPlatformAdmin } from '../permissions.ts';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

const BODY_CHOICES = 100;
const INVITE_FIELDS = ['email', 'name', 'role', 'bodyId', 'conflictReason'] as const;

/** The role a conflict-of-interest refusal (409 CONFLICT) names, if the error is one. */
function conflictOf(error: unknown): { role: string; bodyName?: string } | null {
  if (!(error instanceof ApiError) || error.code !== 'CONFLICT') return null;
  const conflict = error.problem.conflict as { role?: unknown; bodyName?: unknown } | undefined;
  if (!conflict || typeof conflict.role !== 'string') return null;
  return { role: conflict.role, ...(typeof conflict.bodyName === 'string' ? { bodyName: conflict.bodyName } : {}) };
}

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
  // set once the server refused a conflict of interest: the admin may confirm it with a reason
  const [conflict, setConflict] = useState<{ role: string; bodyName?: string } | null>(null);
  const [conflictReason, setConflictReason] = useState('');
  const fieldLabels = {
    email: t('users.email'),
    name: t('users.name'),
    role: t('users.role'),
    bodyId: t('users.body'),
    conflictReason: t('people.conflictReason'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!form.role) local.role = t('users.chooseRoleError');
    if (form.role === 'body_operator' && !form.bodyId) local.bodyId = t('users.chooseBodyError');
    if (conflict && conflictReason.trim().length < 5) local.conflictReason = t('people.conflictReasonMissing');
    if (Object.keys(local).length > 0) {
      setErrors(local);
      setError(null);
      document
        .getElementById(local.role ? 'invite-role' : local.bodyId ? 'invite-body' : 'invite-conflict-reason')
        ?.focus();
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
        ...(conflict ? { conflictReason: conflictReason.trim() } : {}),
      });
      setInvited({ email: result.user.email, invitation: result.invitation });
      announce(t('users.invited', { email: result.user.email }));
      setForm({ email: '', name: '', role: '', bodyId: '' });
      setConflict(null);
      setConflictReason('');
      onInvited();
    } catch (e) {
      setErrors(fieldErrors(e));
      const refused = conflictOf(e);
      if (refused) {
        setConflict(refused);
        setError(null);
        requestAnimationFrame(() => document.getElementById('invite-conflict-reason')?.focus());
      } else {
        setError(e);
      }
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
              onChange={(e) => {
                setForm((f) => ({ ...f, email: e.target.value }));
                setConflict(null);
              }}
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
              onChange={(e) => {
                setForm((f) => ({ ...f, role: e.target.value as CommissionRole | '', bodyId: '' }));
                setConflict(null);
              }}
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
        {conflict && (
          <div className="span-2">
            <div className="alert alert-warning" role="alert">
              <p className="alert-title">{t('people.conflictTitle')}</p>
              <p>
                {conflict.role === 'body_operator'
                  ? t('people.conflictOperator', { body: conflict.bodyName ?? '—' })
                  : t('people.conflictEvaluator')}
              </p>
            </div>
            <Field id="invite-conflict-reason" label={t('people.conflictReason')} error={errors.conflictReason}>
              {(a11y) => (
                <textarea
                  {...a11y}
                  rows={3}
                  maxLength={1000}
                  value={conflictReason}
                  onChange={(e) => setConflictReason(e.target.value)}
                />
              )}
            </Field>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('users.inviting') : conflict ? t('people.inviteAnyway') : t('users.invite')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** An action of the people page that waits for its confirmation dialog. */
type Pending =
  | { kind: 'revoke'; user: CommissionUser; membershipId: string; role: string; bodyName?: string | undefined }
  | { kind: 'deactivate'; user: CommissionUser }
  | { kind: 'reactivate'; user: CommissionUser }
  | { kind: 'cancel'; invitation: InvitationRow }
  | { kind: 'link'; invitation: InvitationRow };

const CONFIRM_TITLE = {
  revoke: 'people.revokeTitle',
  deactivate: 'people.deactivateTitle',
  reactivate: 'people.reactivateTitle',
  cancel: 'people.cancelTitle',
  link: 'people.linkTitle',
} as const;

export function UsersPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const { announce } = useStatus();
  const manage = user ? canManage(user, cid) : false;
  const platformAdmin = user ? isPlatformAdmin(user) : false;
  const [filter, setFilter] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ email: string; url: string; mailed: boolean } | null>(null);
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

  const resend = async (invitation: InvitationRow) => {
    setActionError(null);
    try {
      const result = await peopleApi.resendInvitation(cid, invitation.id);
      setIssued({ email: invitation.email, url: result.invitation.url, mailed: true });
      announce(t('people.resent', { email: invitation.email }));
      invitations.reload();
    } catch (e) {
      setActionError(e);
    }
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    if (!pending) return;
    setBusy(true);
    setActionError(null);
    try {
      if (pending.kind === 'revoke') {
        await peopleApi.revokeRole(cid, pending.membershipId);
        announce(t('people.revoked', { name: pending.user.name, role: roleLabel(t, pending.role) }));
      } else if (pending.kind === 'deactivate' || pending.kind === 'reactivate') {
        await peopleApi.setActive(cid, pending.user.id, pending.kind === 'reactivate');
        announce(
          t(pending.kind === 'reactivate' ? 'people.reactivated' : 'people.deactivated', { name: pending.user.name }),
        );
      } else if (pending.kind === 'cancel') {
        await peopleApi.cancelInvitation(cid, pending.invitation.id);
        announce(t('people.cancelled', { email: pending.invitation.email }));
      } else {
        const result = await peopleApi.newInvitationLink(cid, pending.invitation.id);
        setIssued({ email: pending.invitation.email, url: result.invitation.url, mailed: false });
      }
      setPending(null);
      refresh();
    } catch (e) {
      setActionError(e);
    } finally {
      setBusy(false);
    }
  };

  const confirmText = (p: Pending) => {
    switch (p.kind) {
      case 'revoke':
        return t('people.revokeText', {
          name: p.user.name,
          role: `${roleLabel(t, p.role)}${p.bodyName ? ` (${p.bodyName})` : ''}`,
        });
      case 'deactivate':
        return t('people.deactivateText', { name: p.user.name });
      case 'reactivate':
        return t('people.reactivateText', { name: p.user.name });
      case 'cancel':
        return t('people.cancelText', { email: p.invitation.email });
      case 'link':
        return t('people.linkText', { email: p.invitation.email });
    }
  };

  return (
    <>
      <PageHeader title={t('users.title')} lead={t('users.lead')} />
      <InviteForm cid={cid} onInvited={refresh} />

      <section className="section" aria-labelledby="invitations-list">
        <h2 id="invitations-list">{t('users.invitationsTitle')}</h2>
        <ErrorAlert error={invitations.error} />
        {!pending && <ErrorAlert error={actionError} />}
        {issued && (
          <div className="alert alert-success invite-result">
            <p className="alert-title">
              {issued.mailed
                ? t('people.resentTitle', { email: issued.email })
                : t('people.linkIssued', { email: issued.email })}
            </p>
            <CopyField id="reissued-link" label={t('users.link')} value={issued.url} />
            <p className="hint">{t('people.linkOldDead')}</p>
          </div>
        )}
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
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {invitations.data.invitations.map((i) => (
                  <tr key={i.id}>
                    <th scope="row">{i.name}</th>
                    <td className="cell-email">{i.email}</td>
                    <td>
                      {roleLabel(t, i.role)}
                      {i.conflictReason && (
                        <p className="hint">{t('people.conflictAccepted', { reason: i.conflictReason })}</p>
                      )}
                    </td>
                    <td>{i.bodyName ?? '—'}</td>
                    <td className="nowrap">{formatDate(i.createdAt, true)}</td>
                    <td className="nowrap">{formatDate(i.expiresAt, true)}</td>
                    <td>
                      <span className={`badge ${statusClass[i.status]}`}>{t(`invitationStatus.${i.status}`)}</span>
                    </td>
                    <td>
                      {(i.status === 'pending' || i.status === 'expired') && (
                        <div className="row-buttons">
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            aria-label={t('people.resendFor', { email: i.email })}
                            onClick={() => resend(i)}
                          >
                            {t('people.resend')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            aria-label={t('people.showLinkFor', { email: i.email })}
                            onClick={() => setPending({ kind: 'link', invitation: i })}
                          >
                            {t('people.showLink')}
                          </button>
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            aria-label={t('people.cancelFor', { email: i.email })}
                            onClick={() => setPending({ kind: 'cancel', invitation: i })}
                          >
                            {t('people.cancel')}
                          </button>
                        </div>
                      )}
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
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {shownUsers.map((u) => {
                  const self = u.id === user?.id;
                  return (
                    <tr key={u.id}>
                      <th scope="row">{u.name}</th>
                      <td className="cell-email">{u.email}</td>
                      <td>
                        <ul className="inline-list">
                          {u.roles.map((r) => (
                            <li key={r.membershipId}>
                              <span className="badge">{roleLabel(t, r.role)}</span>
                              {r.bodyName && <span className="role-body"> {r.bodyName}</span>}
                              {!(self && r.role === 'commission_admin' && !platformAdmin) && (
                                <>
                                  {' '}
                                  <button
                                    type="button"
                                    className="btn btn-link btn-small"
                                    aria-label={t('people.revokeFor', { name: u.name, role: roleLabel(t, r.role) })}
                                    onClick={() =>
                                      setPending({
                                        kind: 'revoke',
                                        user: u,
                                        membershipId: r.membershipId,
                                        role: r.role,
                                        bodyName: r.bodyName,
                                      })
                                    }
                                  >
                                    {t('people.revoke')}
                                  </button>
                                </>
                              )}
                              {r.conflictReason && (
                                <p className="hint">{t('people.conflictAccepted', { reason: r.conflictReason })}</p>
                              )}
                            </li>
                          ))}
                        </ul>
                      </td>
                      <td>
                        <span className={`badge ${u.active ? 'badge-ok' : 'badge-muted'}`}>
                          {u.disabled ? t('people.disabled') : u.active ? t('users.active') : t('users.inactive')}
                        </span>
                      </td>
                      <td>
                        {self ? null : u.rolesElsewhere && !platformAdmin ? (
                          <span className="hint">{t('people.elsewhere')}</span>
                        ) : (
                          <button
                            type="button"
                            className="btn btn-secondary btn-small"
                            aria-label={t(u.disabled ? 'people.reactivateFor' : 'people.deactivateFor', {
                              name: u.name,
                            })}
                            onClick={() => setPending({ kind: u.disabled ? 'reactivate' : 'deactivate', user: u })}
                          >
                            {u.disabled ? t('people.reactivate') : t('people.deactivate')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? t(CONFIRM_TITLE[pending.kind]) : ''}
        onClose={() => {
          setPending(null);
          setActionError(null);
        }}
      >
        {pending && (
          <form onSubmit={confirm}>
            <p>{confirmText(pending)}</p>
            <ErrorAlert error={actionError} />
            <div className="form-actions dialog-actions">
              <button type="button" className="btn btn-secondary" onClick={() => setPending(null)}>
                {t('common.cancel')}
              </button>
              <button
                type="submit"
                className={`btn ${pending.kind === 'reactivate' || pending.kind === 'link' ? 'btn-primary' : 'btn-danger'}`}
                disabled={busy}
              >
                {busy ? t('common.saving') : t(`${CONFIRM_TITLE[pending.kind]}`)}
              </button>
            </div>
          </form>
        )}
      </ConfirmDialog>
    </>
  );
}
