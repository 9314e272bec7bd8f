import { type FormEvent, useState } from 'react';
import { api, fieldErrors } from '../api.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { canManage } from '../permissions.ts';
import { VerificationStateBadge } from '../review/assignment-parts.tsx';
import {
  type Assignment,
  assignmentsApi,
  type Exclusion,
  type UnassignedSubmission,
  type Workload,
  type WorkloadRow,
} from '../review/assignments-api.ts';
import { Link } from '../router.tsx';
import { ProgressBar } from '../saq/SaqSheet.tsx';
import { useSession } from '../session.tsx';
import type { PageProps } from './page-props.ts';

/**
 * The period's assignment page for its commission's admin (leadership reads it): who verifies which submission (a
 * select per row, and an automatic balance), each evaluator's workload against the verification deadline, and the
 * conflicts of interest that keep an evaluator away from a body. `/c/:cid/periods/:pid/assignments`.
 */
export function AssignmentsPage({ params }: PageProps) {
  const cid = params.cid ?? '';
  const pid = params.pid ?? '';
  const { t } = useI18n();
  const { user } = useSession();
  const manage = user ? canManage(user, cid) : false;
  // leadership reads the review's oversight (and writes nothing); the server decides again
  const read = user ? manage || user.roles.some((r) => r.commissionId === cid && r.role === 'leadership') : false;
  const period = useResource(() => api.period(pid), [pid]);
  const list = useResource((signal) => assignmentsApi.list(pid, signal), [pid]);
  const workload = useResource((signal) => assignmentsApi.workload(pid, signal), [pid]);
  const periodPath = `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}`;
  const p = period.data?.period;
  const reload = () => {
    list.reload();
    workload.reload();
  };

  if (user && !read) {
    return (
      <>
        <PageHeader title={t('assign.title')} />
        <div className="alert alert-info">{t('assign.noAccess')}</div>
      </>
    );
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to={periodPath}>← {p?.title ?? t('periods.title')}</Link>
      </p>
      <PageHeader title={t('assign.title')} lead={p ? t('assign.lead', { title: p.title }) : undefined} />
      <ErrorAlert error={period.error ?? list.error ?? workload.error} />
      {(list.loading || workload.loading) && !(list.data && workload.data) && <Loading />}
      {list.data && workload.data && (
        <>
          <AssignmentTable
            pid={pid}
            assignments={list.data.assignments}
            unassigned={list.data.unassigned}
            evaluators={workload.data.evaluators}
            manage={manage}
            onChanged={reload}
          />
          <WorkloadTable workload={workload.data} />
        </>
      )}
      <Exclusions cid={cid} manage={manage} evaluators={workload.data?.evaluators ?? []} onChanged={reload} />
    </>
  );
}

type Row =
  | { kind: 'assigned'; submissionId: string; bodyName: string; categoryCode: string; assignment: Assignment }
  | { kind: 'unassigned'; submissionId: string; bodyName: string; categoryCode: string; item: UnassignedSubmission };

function AssignmentTable({
  pid,
  assignments,
  unassigned,
  evaluators,
  manage,
  onChanged,
}: {
  pid: string;
  assignments: Assignment[];
  unassigned: UnassignedSubmission[];
  evaluators: WorkloadRow[];
  manage: boolean;
  onChanged: () => void;
}) {
  const { t, formatNumber } = useI18n();
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const rows: Row[] = [
    ...unassigned.map((u) => ({
      kind: 'unassigned' as const,
      submissionId: u.submissionId,
      bodyName: u.bodyName,
      categoryCode: u.categoryCode,
      item: u,
    })),
    ...assignments.map((a) => ({
      kind: 'assigned' as const,
      submissionId: a.submissionId,
      bodyName: a.bodyName,
      categoryCode: a.categoryCode,
      assignment: a,
    })),
  ].sort((a, b) => a.categoryCode.localeCompare(b.categoryCode) || a.bodyName.localeCompare(b.bodyName, 'id'));

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      setStatus(await work());
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  // the evaluators the automatic assignment shares the work among: everyone unless the admin leaves some out (leave)
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const picked = evaluators.filter((e) => !left.has(e.evaluatorId)).map((e) => e.evaluatorId);
  const toggle = (id: string, on: boolean) =>
    setLeft((before) => {
      const next = new Set(before);
      if (on) next.delete(id);
      else next.add(id);
      return next;
    });

  const auto = () =>
    run(async () => {
      const result = await assignmentsApi.auto(
        pid,
        picked.length === evaluators.length ? {} : { evaluatorIds: picked },
      );
      return result.skipped.length > 0
        ? t('assign.auto.doneSkipped', {
            count: formatNumber(result.assigned.length),
            skipped: formatNumber(result.skipped.length),
          })
        : t('assign.auto.done', { count: formatNumber(result.assigned.length) });
    });

  return (
    <section className="section" aria-labelledby="assign-list-heading">
      <div className="assign-head">
        <h2 id="assign-list-heading">{t('assign.list.title')}</h2>
        {manage && (
          <button
            type="button"
            className="btn btn-primary"
            onClick={auto}
            disabled={busy || unassigned.length === 0 || picked.length === 0}
          >
            {t('assign.auto.button')}
          </button>
        )}
      </div>
      <p className="hint">{manage ? t('assign.list.hint') : t('assign.list.readHint')}</p>
      {manage && <p className="hint">{t('assign.auto.hint')}</p>}
      {manage && evaluators.length > 0 && (
        <details className="disclosure">
          <summary>
            {t('assign.auto.who', { count: formatNumber(picked.length), total: formatNumber(evaluators.length) })}
          </summary>
          <fieldset className="fieldset assign-who">
            <legend>{t('assign.auto.whoLegend')}</legend>
            {evaluators.map((e) => (
              <div className="check-field" key={e.evaluatorId}>
                <input
                  id={`auto-${e.evaluatorId}`}
                  type="checkbox"
                  checked={!left.has(e.evaluatorId)}
                  onChange={(event) => toggle(e.evaluatorId, event.target.checked)}
                />
                <label htmlFor={`auto-${e.evaluatorId}`}>{e.name}</label>
              </div>
            ))}
          </fieldset>
        </details>
      )}
      <p className="count" aria-live="polite">
        {t('assign.list.count', { assigned: formatNumber(assignments.length), open: formatNumber(unassigned.length) })}
      </p>
      <div role="status" aria-live="polite">
        {status && <p className="alert alert-success">{status}</p>}
      </div>
      <ErrorAlert error={error} />
      {rows.length === 0 ? (
        <p className="empty">{t('assign.list.empty')}</p>
      ) : (
        <TableWrap label={t('assign.list.title')}>
          <table className="table table-stack assign-table">
            <thead>
              <tr>
                <th scope="col">{t('assign.col.body')}</th>
                <th scope="col">{t('assign.col.category')}</th>
                <th scope="col">{t('assign.col.state')}</th>
                <th scope="col">{t('assign.col.progress')}</th>
                <th scope="col">{t('assign.col.evaluator')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <AssignmentRowView
                  // a new holder starts the row afresh, so its select shows who holds it now
                  key={`${r.submissionId}:${r.kind === 'assigned' ? r.assignment.evaluatorId : ''}`}
                  pid={pid}
                  row={r}
                  evaluators={evaluators}
                  manage={manage}
                  busy={busy}
                  run={run}
                />
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function AssignmentRowView({
  pid,
  row,
  evaluators,
  manage,
  busy,
  run,
}: {
  pid: string;
  row: Row;
  evaluators: WorkloadRow[];
  manage: boolean;
  busy: boolean;
  run: (work: () => Promise<string>) => Promise<void>;
}) {
  const { t, formatNumber } = useI18n();
  const current = row.kind === 'assigned' ? row.assignment.evaluatorId : '';
  const [choice, setChoice] = useState(current);
  const selectId = `assign-${row.submissionId}`;
  const verified = row.kind === 'assigned' ? row.assignment.verified : 0;
  const total = row.kind === 'assigned' ? row.assignment.total : row.item.total;
  const save = () =>
    run(async () => {
      const name = evaluators.find((e) => e.evaluatorId === choice)?.name ?? '';
      if (row.kind === 'assigned') {
        await assignmentsApi.reassign(row.assignment.id, { evaluatorId: choice });
        return t('assign.reassigned', { body: row.bodyName, name });
      }
      await assignmentsApi.assign(pid, { submissionId: row.submissionId, evaluatorId: choice });
      return t('assign.assigned', { body: row.bodyName, name });
    });
  return (
    <tr>
      <th scope="row" className="cell-name">
        <Link to={`/submissions/${encodeURIComponent(row.submissionId)}`}>{row.bodyName}</Link>
      </th>
      <td data-label={t('assign.col.category')}>{row.categoryCode}</td>
      <td data-label={t('assign.col.state')}>
        {row.kind === 'assigned' ? (
          <VerificationStateBadge state={row.assignment.verificationState} />
        ) : (
          <span className="badge badge-warn">{t('assign.unassigned')}</span>
        )}
      </td>
      <td data-label={t('assign.col.progress')} className="num">
        <span className="saq-table-progress">
          {formatNumber(verified)} / {formatNumber(total)}
          <ProgressBar value={verified} total={total} label={t('assign.progressOf', { body: row.bodyName })} />
        </span>
      </td>
      <td data-label={t('assign.col.evaluator')}>
        {manage ? (
          <div className="inline-form assign-choice">
            <label htmlFor={selectId} className="sr-only">
              {t('assign.evaluatorFor', { body: row.bodyName })}
            </label>
            <select id={selectId} value={choice} onChange={(e) => setChoice(e.target.value)} disabled={busy}>
              {row.kind === 'unassigned' && <option value="">{t('assign.choose')}</option>}
              {evaluators.map((e) => (
                <option key={e.evaluatorId} value={e.evaluatorId}>
                  {e.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn btn-secondary btn-small"
              onClick={save}
              disabled={busy || !choice || choice === current}
            >
              {row.kind === 'assigned' ? t('assign.reassign') : t('assign.assign')}
              <span className="sr-only"> {row.bodyName}</span>
            </button>
          </div>
        ) : row.kind === 'assigned' ? (
          row.assignment.evaluatorName
        ) : (
          '—'
        )}
      </td>
    </tr>
  );
}

function WorkloadTable({ workload }: { workload: Workload }) {
  const { t, lang, formatNumber } = useI18n();
  return (
    <section className="section" aria-labelledby="assign-workload-heading">
      <h2 id="assign-workload-heading">{t('assign.workload.title')}</h2>
      <p>
        {workload.deadline
          ? t('assign.workload.deadline', { when: formatDeadline(workload.deadline, lang) })
          : t('assign.workload.noDeadline')}
      </p>
      <p className="hint">{t('assign.workload.unassigned', { count: formatNumber(workload.unassigned) })}</p>
      {workload.evaluators.length === 0 ? (
        <p className="empty">{t('assign.workload.none')}</p>
      ) : (
        <TableWrap label={t('assign.workload.title')}>
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('assign.workload.evaluator')}</th>
                <th scope="col">{t('assign.workload.assigned')}</th>
                <th scope="col">{t('assign.workload.notStarted')}</th>
                <th scope="col">{t('assign.workload.inProgress')}</th>
                <th scope="col">{t('assign.workload.complete')}</th>
                <th scope="col">{t('assign.workload.overdue')}</th>
                <th scope="col">{t('assign.workload.questions')}</th>
              </tr>
            </thead>
            <tbody>
              {workload.evaluators.map((e) => (
                <tr key={e.evaluatorId}>
                  <th scope="row" className="cell-name">
                    {e.name}
                    <span className="muted assign-email">{e.email}</span>
                  </th>
                  <td data-label={t('assign.workload.assigned')} className="num">
                    {formatNumber(e.assigned)}
                  </td>
                  <td data-label={t('assign.workload.notStarted')} className="num">
                    {formatNumber(e.notStarted)}
                  </td>
                  <td data-label={t('assign.workload.inProgress')} className="num">
                    {formatNumber(e.inProgress)}
                  </td>
                  <td data-label={t('assign.workload.complete')} className="num">
                    {formatNumber(e.complete)}
                  </td>
                  <td data-label={t('assign.workload.overdue')} className="num">
                    {e.overdue > 0 ? (
                      <span className="badge badge-bad">{formatNumber(e.overdue)}</span>
                    ) : (
                      formatNumber(e.overdue)
                    )}
                  </td>
                  <td data-label={t('assign.workload.questions')} className="num">
                    {formatNumber(e.questions)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}

function Exclusions({
  cid,
  manage,
  evaluators,
  onChanged,
}: {
  cid: string;
  manage: boolean;
  evaluators: WorkloadRow[];
  onChanged: () => void;
}) {
  const { t, formatDate } = useI18n();
  const list = useResource((signal) => assignmentsApi.exclusions(cid, signal), [cid]);
  const bodies = useResource(
    (signal) => (manage ? api.bodies(cid, { limit: 1000 }, signal) : Promise.resolve(undefined)),
    [cid, manage],
  );
  const [form, setForm] = useState({ bodyId: '', evaluatorId: '', reason: '' });
  const [error, setError] = useState<unknown>();
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  const act = async (work: () => Promise<string>) => {
    setBusy(true);
    setError(undefined);
    setStatus('');
    try {
      setStatus(await work());
      list.reload();
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const { exclusion } = await assignmentsApi.exclude(cid, form);
      setForm({ bodyId: '', evaluatorId: '', reason: '' });
      return t('assign.exclusions.added', { name: exclusion.evaluatorName, body: exclusion.bodyName });
    });
  };
  const remove = (x: Exclusion) =>
    act(async () => {
      await assignmentsApi.removeExclusion(x.id);
      return t('assign.exclusions.removed', { name: x.evaluatorName, body: x.bodyName });
    });

  const rows = list.data?.exclusions ?? [];
  return (
    <section className="section" aria-labelledby="assign-exclusions-heading">
      <h2 id="assign-exclusions-heading">{t('assign.exclusions.title')}</h2>
      <p className="hint">{t('assign.exclusions.hint')}</p>
      <ErrorAlert error={list.error ?? bodies.error} />
      <div role="status" aria-live="polite">
        {status && <p className="alert alert-success">{status}</p>}
      </div>
      <ErrorAlert error={error} inlinePaths={['bodyId', 'evaluatorId', 'reason']} />
      {list.loading && !list.data && <Loading />}
      {list.data && rows.length === 0 && <p className="empty">{t('assign.exclusions.empty')}</p>}
      {rows.length > 0 && (
        <TableWrap label={t('assign.exclusions.title')}>
          <table className="table table-stack">
            <thead>
              <tr>
                <th scope="col">{t('assign.col.body')}</th>
                <th scope="col">{t('assign.col.evaluator')}</th>
                <th scope="col">{t('assign.exclusions.reason')}</th>
                <th scope="col">{t('assign.exclusions.since')}</th>
                {manage && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => (
                <tr key={x.id}>
                  <th scope="row" className="cell-name">
                    {x.bodyName}
                  </th>
                  <td data-label={t('assign.col.evaluator')}>{x.evaluatorName}</td>
                  <td data-label={t('assign.exclusions.reason')} className="pre-wrap">
                    {x.reason}
                  </td>
                  <td data-label={t('assign.exclusions.since')} className="nowrap">
                    {formatDate(x.createdAt)}
                  </td>
                  {manage && (
                    <td data-label={t('common.actions')}>
                      <button
                        type="button"
                        className="btn btn-secondary btn-small"
                        onClick={() => remove(x)}
                        disabled={busy}
                      >
                        {t('assign.exclusions.remove')}
                        <span className="sr-only">
                          {' '}
                          {x.evaluatorName} · {x.bodyName}
                        </span>
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {manage && (
        <form className="form-grid exclusion-form" onSubmit={submit} aria-labelledby="assign-exclusion-form-heading">
          <h3 id="assign-exclusion-form-heading" className="span-2">
            {t('assign.exclusions.add')}
          </h3>
          <Field id="exclusion-body" label={t('assign.col.body')} error={errors.bodyId}>
            {(control) => (
              <select
                {...control}
                required
                value={form.bodyId}
                onChange={(e) => setForm({ ...form, bodyId: e.target.value })}
              >
                <option value="">{t('assign.exclusions.chooseBody')}</option>
                {(bodies.data?.bodies ?? []).map((b) => (
                  <option key={b.id} value={b.id}>
                    {b.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="exclusion-evaluator" label={t('assign.col.evaluator')} error={errors.evaluatorId}>
            {(control) => (
              <select
                {...control}
                required
                value={form.evaluatorId}
                onChange={(e) => setForm({ ...form, evaluatorId: e.target.value })}
              >
                <option value="">{t('assign.choose')}</option>
                {evaluators.map((e) => (
                  <option key={e.evaluatorId} value={e.evaluatorId}>
                    {e.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            id="exclusion-reason"
            label={t('assign.exclusions.reason')}
            hint={t('assign.exclusions.reasonHint')}
            error={errors.reason}
            className="span-2"
          >
            {(control) => (
              <textarea
                {...control}
                required
                minLength={3}
                maxLength={2000}
                rows={2}
                value={form.reason}
                onChange={(e) => setForm({ ...form, reason: e.target.value })}
              />
            )}
          </Field>
          <div className="form-actions span-2">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {t('assign.exclusions.submit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
