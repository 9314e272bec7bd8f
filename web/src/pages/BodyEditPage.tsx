import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, type Body, type BodyPatch, fieldErrors } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { type MessageKey, useI18n } from '../i18n/index.tsx';
import { canManage } from '../permissions.ts';
import { Link, navigate } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import { BODY_FIELDS, BodyFields, type BodyFormValues } from './BodyForm.tsx';
import type { PageProps } from './page-props.ts';

type FieldName = (typeof BODY_FIELDS)[number];

const LABELS: Record<FieldName, MessageKey> = {
  name: 'body.name',
  categoryCode: 'body.category',
  province: 'body.province',
  website: 'body.website',
  ppidEmail: 'body.ppidEmail',
};

const valuesOf = (b: Body): BodyFormValues => ({
  name: b.name,
  categoryCode: b.categoryCode,
  province: b.province ?? '',
  website: b.website ?? '',
  ppidEmail: b.ppidEmail ?? '',
});

/** Only what changed against the version being edited, so the audit trail and a merge see the real edit. */
function patchOf(base: Body, values: BodyFormValues): BodyPatch {
  const before = valuesOf(base);
  const patch: BodyPatch = {};
  const name = values.name.trim();
  if (name !== before.name) patch.name = name;
  if (values.categoryCode !== before.categoryCode) patch.categoryCode = values.categoryCode;
  for (const key of ['province', 'website', 'ppidEmail'] as const) {
    const v = values[key].trim();
    if (v !== before[key]) patch[key] = v === '' ? null : v;
  }
  return patch;
}

function ReadOnlyBody({ body }: { body: Body }) {
  const { t } = useI18n();
  return (
    <section className="card">
      <dl className="facts">
        <div>
          <dt>{t('body.category')}</dt>
          <dd>
            {body.categoryName} <span className="badge">{body.categoryCode}</span>
          </dd>
        </div>
        <div>
          <dt>{t('body.province')}</dt>
          <dd>{body.province ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('body.website')}</dt>
          <dd>
            {body.website ? (
              <a href={body.website} rel="noopener noreferrer" target="_blank">
                {body.website}
              </a>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('body.ppidEmail')}</dt>
          <dd>{body.ppidEmail ?? '—'}</dd>
        </div>
      </dl>
    </section>
  );
}

export function BodyEditPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const bid = params.bid ?? '';
  const { t, formatDate } = useI18n();
  const { user } = useSession();
  const { announce } = useStatus();
  const manage = user ? canManage(user, cid) : false;
  const loaded = useResource(() => api.body(bid), [bid]);
  const categories = useResource(
    () => (manage ? api.categories(cid) : Promise.resolve({ categories: [] })),
    [cid, manage],
  );
  const [base, setBase] = useState<Body | null>(null);
  const [values, setValues] = useState<BodyFormValues | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<Body | null>(null);
  const [busy, setBusy] = useState(false);
  const listPath = `/c/${encodeURIComponent(cid)}/bodies`;

  useEffect(() => {
    if (loaded.data && !base) {
      setBase(loaded.data.body);
      setValues(valuesOf(loaded.data.body));
    }
  }, [loaded.data, base]);

  const fieldLabels = Object.fromEntries(BODY_FIELDS.map((f) => [f, t(LABELS[f])]));

  const save = async (against: Body) => {
    if (!values) return;
    const patch = patchOf(against, values);
    if (Object.keys(patch).length === 0) {
      announce(t('edit.nothingChanged'), 'info');
      return;
    }
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const { body } = await api.updateBody(bid, against.version, patch);
      setBase(body);
      setValues(valuesOf(body));
      setConflict(null);
      announce(t('edit.saved', { name: body.name }), 'success', { carry: true });
      navigate(listPath);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT' && e.problem.current) {
        setConflict(e.problem.current as Body);
      } else {
        setErrors(fieldErrors(e));
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (base) void save(base);
  };

  const takeTheirs = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(valuesOf(conflict));
    setConflict(null);
    announce(t('edit.loadedLatest', { version: conflict.version }), 'info');
  };

  const keepMine = () => {
    if (!conflict) return;
    const latest = conflict;
    setBase(latest);
    void save(latest);
  };

  const body = base ?? loaded.data?.body;
  const title = body?.name ?? t('edit.title');

  return (
    <>
      <p className="breadcrumb">
        <Link to={listPath}>← {t('edit.back')}</Link>
      </p>
      <PageHeader
        title={title}
        lead={body ? t('edit.meta', { version: body.version, updated: formatDate(body.updatedAt, true) }) : undefined}
      />
      {loaded.loading && !loaded.data && <Loading />}
      <ErrorAlert error={loaded.error} />
      {body && !manage && <ReadOnlyBody body={body} />}
      {body && manage && values && (
        <section className="card" aria-labelledby="edit-title">
          <h2 id="edit-title">{t('edit.title')}</h2>
          {conflict && (
            <div className="alert alert-warning" role="alert">
              <p className="alert-title">{t('edit.conflictTitle')}</p>
              <p>{t('edit.conflictText', { version: conflict.version })}</p>
              <TableWrap label={t('edit.conflictTable')}>
                <table className="table table-compact">
                  <thead>
                    <tr>
                      <th scope="col">{t('edit.field')}</th>
                      <th scope="col">{t('edit.yours')}</th>
                      <th scope="col">{t('edit.theirs', { version: conflict.version })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {BODY_FIELDS.map((f) => {
                      const mine = values[f].trim();
                      const theirs = valuesOf(conflict)[f];
                      return (
                        <tr key={f} className={mine !== theirs ? 'row-diff' : undefined}>
                          <th scope="row">{t(LABELS[f])}</th>
                          <td>{mine || '—'}</td>
                          <td>{theirs || '—'}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </TableWrap>
              <div className="button-row">
                <button type="button" className="btn btn-secondary" onClick={takeTheirs}>
                  {t('edit.takeTheirs')}
                </button>
                <button type="button" className="btn btn-primary" onClick={keepMine} disabled={busy}>
                  {t('edit.keepMine')}
                </button>
              </div>
            </div>
          )}
          <ErrorAlert error={error} inlinePaths={BODY_FIELDS} fieldLabels={fieldLabels} />
          <form onSubmit={submit} className="form-grid" noValidate>
            <BodyFields
              idPrefix="edit-body"
              values={values}
              onChange={setValues}
              errors={errors}
              categories={categories.data?.categories ?? []}
            />
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={busy || Boolean(conflict)}>
                {busy ? t('common.saving') : t('edit.save')}
              </button>
              <Link to={listPath} className="btn btn-secondary">
                {t('common.cancel')}
              </Link>
            </div>
          </form>
        </section>
      )}
    </>
  );
}
