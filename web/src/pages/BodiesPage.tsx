import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { api, type Category, fieldErrors, type ImportResult } from '../api.ts';
import { type BodyInvitationsResult, categoriesApi, importTemplateUrl } from '../categories-api.ts';
import { CsvInput, CsvSample, useCsvText } from '../components/CsvInput.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { SearchFilters } from '../components/SearchFilters.tsx';
import { useDebounced, useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage, canReadRegistry } from '../permissions.ts';
import { Link } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useStatus } from '../status.tsx';
import { BODY_FIELDS, BodyFields, type BodyFormValues, EMPTY_BODY } from './BodyForm.tsx';
import type { PageProps } from './page-props.ts';

const PAGE_SIZE = 200;
const CSV_HEADER = 'nama;kodeKategori;provinsi;situs;emailPpid';

function CreateBody({ cid, categories, onCreated }: { cid: string; categories: Category[]; onCreated: () => void }) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const [values, setValues] = useState<BodyFormValues>(EMPTY_BODY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fieldLabels = {
    name: t('body.name'),
    categoryCode: t('body.category'),
    province: t('body.province'),
    website: t('body.website'),
    ppidEmail: t('body.ppidEmail'),
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    const optional = (v: string) => (v.trim() ? v.trim() : undefined);
    try {
      const { body } = await api.createBody(cid, {
        name: values.name.trim(),
        categoryCode: values.categoryCode,
        ...(optional(values.province) ? { province: optional(values.province) } : {}),
        ...(optional(values.website) ? { website: optional(values.website) } : {}),
        ...(optional(values.ppidEmail) ? { ppidEmail: optional(values.ppidEmail) } : {}),
      });
      announce(t('bodies.created', { name: body.name }));
      setValues(EMPTY_BODY);
      onCreated();
      document.getElementById('new-body-name')?.focus();
    } catch (e) {
      const byField = fieldErrors(e);
      setErrors(byField);
      setError(e);
      const first = BODY_FIELDS.find((f) => byField[f]);
      if (first)
        document
          .getElementById(`new-body-${first === 'categoryCode' ? 'category' : first === 'ppidEmail' ? 'ppid' : first}`)
          ?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" id="panel-create" aria-labelledby="create-body-title">
      <h2 id="create-body-title">{t('bodies.createTitle')}</h2>
      <ErrorAlert error={error} inlinePaths={BODY_FIELDS} fieldLabels={fieldLabels} />
      <form onSubmit={submit} className="form-grid" noValidate>
        <BodyFields idPrefix="new-body" values={values} onChange={setValues} errors={errors} categories={categories} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('common.saving') : t('bodies.createSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** After an import: the new bodies with a PPID address get their operators invited in one step. */
function InviteOperators({ cid, bodies }: { cid: string; bodies: NonNullable<ImportResult['createdBodies']> }) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<BodyInvitationsResult | null>(null);
  const withEmail = bodies.filter((b) => b.ppidEmail);
  if (bodies.length === 0) return null;
  const invite = async () => {
    setBusy(true);
    setError(null);
    try {
      const outcome = await categoriesApi.inviteOperators(
        cid,
        withEmail.map((b) => b.id),
      );
      setResult(outcome);
      announce(t('import.invited', { count: formatNumber(outcome.invited.length) }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card panel" aria-labelledby="invite-operators-title">
      <h3 id="invite-operators-title">{t('import.inviteTitle')}</h3>
      {withEmail.length === 0 ? (
        <p>{t('import.inviteNone')}</p>
      ) : result ? (
        <>
          {result.invited.length > 0 && (
            <>
              <h4>{t('import.invitedList')}</h4>
              <ul>
                {result.invited.map((i) => (
                  <li key={i.bodyId}>
                    {i.bodyName}: {i.email}
                  </li>
                ))}
              </ul>
            </>
          )}
          {result.skipped.length > 0 && (
            <>
              <h4>{t('import.skippedList')}</h4>
              <ul>
                {result.skipped.map((s) => (
                  <li key={s.bodyId}>
                    {s.bodyName}: {t(`import.skip.${s.reason}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <>
          <p>{t('import.inviteText', { count: formatNumber(withEmail.length) })}</p>
          <ErrorAlert error={error} />
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={busy} onClick={invite}>
              {busy ? t('common.saving') : t('import.inviteSubmit')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ImportBodies({
  cid,
  categories,
  onImported,
}: {
  cid: string;
  categories: Category[];
  onImported: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const { announce } = useStatus();
  const text = useCsvText();
  const csv = text.csv;
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  // the outcome appears below the form: bring it into view once it has rendered
  useEffect(() => {
    if (error || result) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [error, result]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!csv.trim()) {
      setError(null);
      setResult(null);
      announce(t('import.empty'), 'error');
      return;
    }
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const imported = await api.importBodies(cid, csv);
      setResult(imported);
      announce(
        t('import.done', {
          created: formatNumber(imported.created),
          updated: formatNumber(imported.updated),
          unchanged: formatNumber(imported.unchanged),
        }),
      );
      text.clear();
      onImported();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" id="panel-import" aria-labelledby="import-title">
      <h2 id="import-title">{t('import.title')}</h2>
      <div className="import-help">
        <p>{t('import.help')}</p>
        <CsvSample section="import" header={CSV_HEADER} />
        <p>
          <a href={importTemplateUrl(cid)} download className="btn btn-small btn-secondary">
            {t('import.template')}
          </a>{' '}
          <span className="hint">{t('import.templateHint')}</span>
        </p>
        <p className="hint">
          {t('import.helpColumns')}{' '}
          {categories.length > 0 && (
            <>
              {t('import.categoryCodes')}{' '}
              {categories.map((c, i) => (
                <span key={c.code}>
                  {i > 0 && ', '}
                  <code>{c.code}</code>
                </span>
              ))}
              .
            </>
          )}
        </p>
        <p className="hint">{t('import.allOrNothing')}</p>
      </div>
      <form onSubmit={submit} noValidate>
        <CsvInput
          id="import"
          section="import"
          text={text}
          header={CSV_HEADER}
          rows={8}
          onRead={() => {
            setResult(null);
            setError(null);
          }}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('import.submitting') : t('import.submit')}
          </button>
        </div>
      </form>
      <div ref={resultRef}>
        {error ? <ErrorAlert error={error} /> : null}
        {result && (
          <div className="alert alert-success">
            <p className="alert-title">{t('import.successTitle')}</p>
            <dl className="stats">
              <div>
                <dt>{t('import.created')}</dt>
                <dd>{formatNumber(result.created)}</dd>
              </div>
              <div>
                <dt>{t('import.updated')}</dt>
                <dd>{formatNumber(result.updated)}</dd>
              </div>
              <div>
                <dt>{t('import.unchanged')}</dt>
                <dd>{formatNumber(result.unchanged)}</dd>
              </div>
            </dl>
          </div>
        )}
        {result?.createdBodies && <InviteOperators cid={cid} bodies={result.createdBodies} />}
      </div>
    </section>
  );
}

type Panel = 'create' | 'import' | null;

export function BodiesPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const { t, formatNumber } = useI18n();
  const { user } = useSession();
  const manage = user ? canManage(user, cid) : false;
  const read = user ? canReadRegistry(user, cid) : false;
  const [q, setQ] = useState('');
  const [category, setCategory] = useState('');
  const [paging, setPaging] = useState({ filter: '', page: 0 });
  const [panel, setPanel] = useState<Panel>(null);
  const query = useDebounced(q.trim(), 250);
  const searchId = useId();
  // a new search starts at the first page
  const filterKey = `${query}|${category}`;
  const page = paging.filter === filterKey ? paging.page : 0;
  const setPage = (next: number) => setPaging({ filter: filterKey, page: next });

  const categories = useResource(() => api.categories(cid), [cid]);
  const bodies = useResource(
    (signal) =>
      api.bodies(
        cid,
        { q: query || undefined, category: category || undefined, limit: PAGE_SIZE, offset: page * PAGE_SIZE },
        signal,
      ),
    [cid, query, category, page],
  );

  const total = bodies.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const list = bodies.data?.bodies ?? [];
  const filtered = Boolean(query || category);
  const categoryList = categories.data?.categories ?? [];
  const toggle = (which: Exclude<Panel, null>) => setPanel((p) => (p === which ? null : which));

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('bodies.title')} />
        <div className="alert alert-info">{t('bodies.noAccess')}</div>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={t('bodies.title')}
        lead={manage ? t('bodies.leadManage') : t('bodies.leadRead')}
        actions={
          manage && (
            <>
              <button
                type="button"
                className={`btn ${panel === 'create' ? 'btn-primary' : 'btn-secondary'}`}
                aria-expanded={panel === 'create'}
                aria-controls="panel-create"
                onClick={() => toggle('create')}
              >
                {t('bodies.add')}
              </button>
              <button
                type="button"
                className={`btn ${panel === 'import' ? 'btn-primary' : 'btn-secondary'}`}
                aria-expanded={panel === 'import'}
                aria-controls="panel-import"
                onClick={() => toggle('import')}
              >
                {t('bodies.import')}
              </button>
            </>
          )
        }
      />
      {manage && categories.data && categoryList.length === 0 && (
        <div className="alert alert-info" role="note">
          <p>{t('bodies.noCategories')}</p>
          <Link to={`/c/${encodeURIComponent(cid)}/categories`} className="btn btn-small btn-primary">
            {t('bodies.toCategories')}
          </Link>
        </div>
      )}
      {manage && panel === 'create' && <CreateBody cid={cid} categories={categoryList} onCreated={bodies.reload} />}
      {manage && panel === 'import' && <ImportBodies cid={cid} categories={categoryList} onImported={bodies.reload} />}

      <SearchFilters
        id={searchId}
        section="bodies"
        label={t('bodies.searchLabel')}
        q={q}
        onSearch={setQ}
        category={category}
        onCategory={setCategory}
        categories={categoryList}
      />

      <ErrorAlert error={bodies.error ?? categories.error} />
      <p className="count" aria-live="polite">
        {bodies.data
          ? total > PAGE_SIZE
            ? t('bodies.countRange', {
                from: formatNumber(page * PAGE_SIZE + 1),
                to: formatNumber(page * PAGE_SIZE + list.length),
                total: formatNumber(total),
              })
            : filtered
              ? t('bodies.countFiltered', { total: formatNumber(total) })
              : t('bodies.count', { total: formatNumber(total) })
          : ''}
        {bodies.loading && bodies.data && <span className="updating"> · {t('common.updating')}</span>}
      </p>
      {bodies.loading && !bodies.data && <Loading />}
      {bodies.data && list.length === 0 && <p className="empty">{filtered ? t('bodies.noMatch') : t('bodies.none')}</p>}
      {list.length > 0 && (
        <TableWrap label={t('bodies.tableLabel')}>
          <table className="table" aria-busy={bodies.loading}>
            <thead>
              <tr>
                <th scope="col">{t('body.name')}</th>
                <th scope="col">{t('body.category')}</th>
                <th scope="col">{t('body.province')}</th>
                <th scope="col">{t('body.website')}</th>
                <th scope="col">{t('body.ppidEmail')}</th>
                {manage && (
                  <th scope="col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {list.map((b) => (
                <tr key={b.id}>
                  <th scope="row" className="cell-name">
                    <Link to={`/c/${encodeURIComponent(cid)}/bodies/${encodeURIComponent(b.id)}`}>{b.name}</Link>
                  </th>
                  <td>
                    <span className="badge" title={b.categoryName}>
                      {b.categoryCode}
                    </span>
                  </td>
                  <td>{b.province ?? '—'}</td>
                  <td className="cell-url">
                    {b.website ? (
                      <a href={b.website} rel="noopener noreferrer" target="_blank">
                        {b.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}
                      </a>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="cell-email">{b.ppidEmail ?? '—'}</td>
                  {manage && (
                    <td className="nowrap">
                      <Link
                        to={`/c/${encodeURIComponent(cid)}/bodies/${encodeURIComponent(b.id)}`}
                        className="btn btn-small btn-secondary"
                      >
                        {t('common.edit')}
                        <span className="sr-only"> {b.name}</span>
                      </Link>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {total > PAGE_SIZE && (
        <nav className="pagination" aria-label={t('bodies.pagination')}>
          <button type="button" className="btn btn-secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            {t('bodies.prev')}
          </button>
          <span>{t('bodies.pageOf', { page: page + 1, pages })}</span>
          <button
            type="button"
            className="btn btn-secondary"
            disabled={page + 1 >= pages}
            onClick={() => setPage(page + 1)}
          >
            {t('bodies.next')}
          </button>
        </nav>
      )}
    </>
  );
}
