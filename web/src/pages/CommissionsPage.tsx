import { type FormEvent, useState } from 'react';
import { api, fieldErrors } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { rememberCommissionName } from '../components/Shell.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { isPlatformAdmin } from '../permissions.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';

const FIELDS = ['code', 'name', 'province'] as const;

function CreateCommission({ onCreated }: { onCreated: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [form, setForm] = useState({ code: '', name: '', province: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) =>
    setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const { commission } = await api.createCommission({
        code: form.code.trim().toUpperCase(),
        name: form.name.trim(),
        ...(form.province.trim() ? { province: form.province.trim() } : {}),
      });
      rememberCommissionName(commission.id, commission.name);
      announce(t('commissions.created', { name: commission.name }));
      setForm({ code: '', name: '', province: '' });
      onCreated();
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="create-commission">
      <h2 id="create-commission">{t('commissions.create')}</h2>
      <ErrorAlert error={error} inlinePaths={FIELDS} />
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field id="commission-code" label={t('commissions.code')} hint={t('commissions.codeHint')} error={errors.code}>
          {(a11y) => (
            <input
              {...a11y}
              required
              value={form.code}
              onChange={set('code')}
              autoCapitalize="characters"
              className="mono"
            />
          )}
        </Field>
        <Field id="commission-name" label={t('commissions.name')} error={errors.name}>
          {(a11y) => <input {...a11y} required value={form.name} onChange={set('name')} />}
        </Field>
        <Field
          id="commission-province"
          label={t('commissions.province')}
          optional={t('common.optional')}
          error={errors.province}
        >
          {(a11y) => <input {...a11y} value={form.province} onChange={set('province')} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('commissions.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

export function CommissionsPage() {
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const list = useResource(() => api.commissions(), []);
  const admin = user ? isPlatformAdmin(user) : false;
  const commissions = list.data?.commissions ?? [];

  return (
    <>
      <PageHeader title={t('commissions.title')} lead={t('commissions.lead')} />
      <ErrorAlert error={list.error} />
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <section className="section" aria-labelledby="commission-list">
          <h2 id="commission-list" className="sr-only">
            {t('commissions.list')}
          </h2>
          <p className="count">{t('commissions.count', { count: commissions.length })}</p>
          <TableWrap label={t('commissions.list')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('commissions.code')}</th>
                  <th scope="col">{t('commissions.name')}</th>
                  <th scope="col">{t('commissions.province')}</th>
                  <th scope="col">{t('commissions.createdAt')}</th>
                  <th scope="col">{t('common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {commissions.map((c) => (
                  <tr key={c.id}>
                    <td className="mono">{c.code}</td>
                    <td className="cell-name">
                      <Link to={`/c/${encodeURIComponent(c.id)}/bodies`}>{c.name}</Link>
                    </td>
                    <td>{c.province ?? '—'}</td>
                    <td className="nowrap">{formatDate(c.createdAt)}</td>
                    <td className="nowrap">
                      <Link to={`/c/${encodeURIComponent(c.id)}/bodies`}>{t('nav.bodies')}</Link>
                      {admin && (
                        <>
                          {' · '}
                          <Link to={`/c/${encodeURIComponent(c.id)}/users`}>{t('nav.users')}</Link>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </section>
      )}
      {admin && <CreateCommission onCreated={list.reload} />}
    </>
  );
}
