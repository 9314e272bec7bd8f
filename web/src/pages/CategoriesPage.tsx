import { type FormEvent, useState } from 'react';
import { ApiError, type Category, fieldErrors } from '../api.ts';
import { categoriesApi } from '../categories-api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage } from '../permissions.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import type { PageProps } from './page-props.ts';

const PRESET_KEY = 'ki-pusat';

/** Applies KI Pusat's categories in one step; shown as the empty state's main action and beside the list. */
function PresetOffer({
  cid,
  present,
  onApplied,
}: {
  cid: string;
  /** The codes in use: the offer disappears once the commission has all of the preset's. */
  present: string[];
  onApplied: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const presets = useResource(() => categoriesApi.presets(cid), [cid]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const preset = presets.data?.presets.find((p) => p.key === PRESET_KEY);
  if (!preset) return presets.error ? <ErrorAlert error={presets.error} /> : null;
  if (preset.categories.every((c) => present.includes(c.code))) return null;
  const primary = present.length === 0;
  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await categoriesApi.applyPreset(cid, PRESET_KEY);
      announce(
        t('categories.presetDone', {
          created: formatNumber(result.created.length + result.restored.length),
          skipped: formatNumber(result.skipped.length),
        }),
      );
      onApplied();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card panel" aria-labelledby="preset-title">
      <h2 id="preset-title">{t('categories.presetTitle')}</h2>
      <p>{t('categories.presetText')}</p>
      <ul className="category-preset-list">
        {preset.categories.map((c) => (
          <li key={c.code}>
            <code>{c.code}</code> {c.name}
          </li>
        ))}
      </ul>
      <ErrorAlert error={error} />
      <div className="form-actions">
        <button
          type="button"
          className={`btn ${primary ? 'btn-primary' : 'btn-secondary'}`}
          disabled={busy}
          onClick={apply}
        >
          {busy ? t('common.saving') : t('categories.presetApply')}
        </button>
      </div>
    </section>
  );
}

function CreateCategory({ cid, onCreated }: { cid: string; onCreated: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [values, setValues] = useState({ code: '', name: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const { category } = await categoriesApi.create(cid, {
        code: values.code.trim().toUpperCase(),
        name: values.name.trim(),
      });
      announce(t('categories.created', { code: category.code }));
      setValues({ code: '', name: '' });
      onCreated();
      document.getElementById('new-category-code')?.focus();
    } catch (e) {
      setErrors(fieldErrors(e));
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card panel" aria-labelledby="create-category-title">
      <h2 id="create-category-title">{t('categories.createTitle')}</h2>
      <ErrorAlert
        error={error}
        inlinePaths={['code', 'name']}
        fieldLabels={{ code: t('categories.code'), name: t('categories.name') }}
      />
      <form onSubmit={submit} className="form-grid" noValidate>
        <Field id="new-category-code" label={t('categories.code')} hint={t('categories.codeHint')} error={errors.code}>
          {(a11y) => (
            <input
              {...a11y}
              required
              className="mono"
              autoCapitalize="characters"
              value={values.code}
              onChange={(e) => setValues({ ...values, code: e.target.value })}
            />
          )}
        </Field>
        <Field id="new-category-name" label={t('categories.name')} error={errors.name}>
          {(a11y) => (
            <input
              {...a11y}
              required
              value={values.name}
              onChange={(e) => setValues({ ...values, name: e.target.value })}
            />
          )}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('categories.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** One category's row: its name can be edited in place; a category without bodies can be retired. */
function CategoryRow({ category, onChanged }: { category: Category; onChanged: () => void }) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(category.name);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  // the row as another admin left it, when a rename met their change (409 with `current`)
  const [conflict, setConflict] = useState<Category | null>(null);
  const bodies = category.bodyCount ?? 0;
  const inputId = `category-name-${category.id}`;

  const save = async (version: number | undefined) => {
    setBusy(true);
    setError(null);
    try {
      await categoriesApi.rename(category.id, version, name.trim());
      announce(t('categories.renamed', { code: category.code }));
      setEditing(false);
      setConflict(null);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT' && e.problem.current) {
        setConflict(e.problem.current as Category);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    void save(category.version);
  };
  const takeTheirs = () => {
    if (!conflict) return;
    setName(conflict.name);
    setConflict(null);
    setEditing(false);
    onChanged();
  };
  const retire = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await categoriesApi.retire(category.id);
      setConfirming(false);
      announce(t(result.outcome === 'deleted' ? 'categories.deleted' : 'categories.retired', { code: category.code }));
      onChanged();
    } catch (e) {
      setConfirming(false);
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr>
      <th scope="row">
        <code>{category.code}</code>
      </th>
      <td>
        {editing ? (
          <form onSubmit={rename} className="inline-form" noValidate>
            <label htmlFor={inputId} className="sr-only">
              {t('categories.name')} {category.code}
            </label>
            <input id={inputId} value={name} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="btn btn-small btn-primary" disabled={busy}>
              {t('categories.saveName')}
            </button>
            <button
              type="button"
              className="btn btn-small btn-secondary"
              onClick={() => {
                setEditing(false);
                setName(category.name);
                setError(null);
              }}
            >
              {t('common.cancel')}
            </button>
          </form>
        ) : (
          category.name
        )}
        {error ? <ErrorAlert error={error} /> : null}
        {conflict && (
          <div className="alert alert-warning" role="alert">
            <p>{t('categories.conflict', { code: category.code, theirs: conflict.name, mine: name.trim() })}</p>
            <div className="button-row">
              <button
                type="button"
                className="btn btn-small btn-primary"
                disabled={busy}
                onClick={() => void save(conflict.version)}
              >
                {t('categories.keepMine')}
              </button>
              <button type="button" className="btn btn-small btn-secondary" onClick={takeTheirs}>
                {t('categories.takeTheirs')}
              </button>
            </div>
          </div>
        )}
      </td>
      <td className="num">{formatNumber(bodies)}</td>
      <td className="nowrap">
        {!editing && (
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setEditing(true)}>
            {t('categories.rename')}
            <span className="sr-only"> {category.code}</span>
          </button>
        )}{' '}
        {bodies === 0 ? (
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setConfirming(true)}>
            {t('categories.retire')}
            <span className="sr-only"> {category.code}</span>
          </button>
        ) : (
          <span className="hint">{t('categories.hasBodies', { count: formatNumber(bodies) })}</span>
        )}
        <ConfirmDialog
          open={confirming}
          title={t('categories.retireTitle', { code: category.code })}
          onClose={() => setConfirming(false)}
        >
          <p>{t('categories.retireText')}</p>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={retire}>
              {t('categories.retireConfirm')}
            </button>
            <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </ConfirmDialog>
      </td>
    </tr>
  );
}

/** The commission admin's categories: the KI Pusat preset, new ones by hand, renaming and retiring (issue 25). */
export function CategoriesPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t } = useI18n();
  const { user } = useSession();
  const manage = user ? canManage(user, cid) : false;
  const categories = useResource(() => categoriesApi.list(cid), [cid]);
  const list = categories.data?.categories ?? [];
  const empty = Boolean(categories.data) && list.length === 0;

  if (user && !manage) {
    return (
      <>
        <PageHeader title={t('categories.title')} />
        <div className="alert alert-info">{t('categories.noAccess')}</div>
      </>
    );
  }

  return (
    <>
      <PageHeader title={t('categories.title')} lead={t('categories.lead')} />
      <ErrorAlert error={categories.error} />
      {categories.loading && !categories.data && <Loading />}
      {empty && (
        <div className="alert alert-info" role="note">
          <p className="alert-title">{t('categories.emptyTitle')}</p>
          <p>{t('categories.emptyText')}</p>
        </div>
      )}
      {categories.data && <PresetOffer cid={cid} present={list.map((c) => c.code)} onApplied={categories.reload} />}
      {list.length > 0 && (
        <>
          <TableWrap label={t('categories.tableLabel')}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('categories.code')}</th>
                  <th scope="col">{t('categories.name')}</th>
                  <th scope="col" className="num">
                    {t('categories.bodies')}
                  </th>
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((c) => (
                  <CategoryRow key={`${c.id}-${c.name}`} category={c} onChanged={categories.reload} />
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p>
            <Link to={`/c/${encodeURIComponent(cid)}/bodies`}>{t('categories.nextBodies')}</Link>
          </p>
        </>
      )}
      {categories.data && <CreateCategory cid={cid} onCreated={categories.reload} />}
    </>
  );
}
