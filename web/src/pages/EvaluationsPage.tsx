import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Loading, PageHeader, TableWrap } from '../components/Page.tsx';
import { useResource } from '../hooks.ts';
import { formatDeadline } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { VerificationStateBadge } from '../review/assignment-parts.tsx';
import { assignmentsApi, type Evaluation } from '../review/assignments-api.ts';
import { Link } from '../router.tsx';
import { ProgressBar } from '../saq/SaqSheet.tsx';
import type { PageProps } from './page-props.ts';

interface PeriodGroup {
  periodId: string;
  title: string;
  deadline: string | null;
  items: Evaluation[];
}

/** The queue in periods, newest first, as the server orders it. */
function groupByPeriod(evaluations: Evaluation[]): PeriodGroup[] {
  const groups: PeriodGroup[] = [];
  for (const e of evaluations) {
    let group = groups.find((g) => g.periodId === e.periodId);
    if (!group) {
      group = { periodId: e.periodId, title: e.periodTitle, deadline: e.deadline, items: [] };
      groups.push(group);
    }
    group.items.push(e);
  }
  return groups;
}

/** The evaluator's own queue: every submission assigned to them, by period, with its state and progress. `/evaluations`. */
export function EvaluationsPage(_props: PageProps) {
  const { t, lang, formatNumber } = useI18n();
  const queue = useResource((signal) => assignmentsApi.evaluations(signal), []);
  const evaluations = queue.data?.evaluations ?? [];
  const open = evaluations.filter((e) => e.verificationState !== 'complete').length;
  const overdue = evaluations.filter((e) => e.overdue).length;
  return (
    <>
      <PageHeader title={t('evaluations.title')} lead={t('evaluations.lead')} />
      <ErrorAlert error={queue.error} />
      {queue.loading && !queue.data && <Loading />}
      {queue.data && evaluations.length === 0 && <p className="empty">{t('evaluations.empty')}</p>}
      {evaluations.length > 0 && (
        <p className="count">
          {t('evaluations.summary', { open: formatNumber(open), total: formatNumber(evaluations.length) })}
          {overdue > 0 && (
            <>
              {' '}
              <span className="badge badge-bad">{t('evaluations.overdue', { count: formatNumber(overdue) })}</span>
            </>
          )}
        </p>
      )}
      {groupByPeriod(evaluations).map((group) => {
        const headingId = `evaluations-${group.periodId}`;
        return (
          <section key={group.periodId} className="section" aria-labelledby={headingId}>
            <h2 id={headingId}>{group.title}</h2>
            <p className="hint">
              {group.deadline
                ? t('evaluations.deadline', { when: formatDeadline(group.deadline, lang) })
                : t('evaluations.noDeadline')}
            </p>
            <TableWrap label={t('evaluations.tableLabel', { title: group.title })}>
              <table className="table table-stack">
                <thead>
                  <tr>
                    <th scope="col">{t('assign.col.body')}</th>
                    <th scope="col">{t('assign.col.category')}</th>
                    <th scope="col">{t('assign.col.state')}</th>
                    <th scope="col">{t('assign.col.progress')}</th>
                  </tr>
                </thead>
                <tbody>
                  {group.items.map((e) => (
                    <tr key={e.assignmentId}>
                      <th scope="row" className="cell-name">
                        <Link to={`/verification/${encodeURIComponent(e.submissionId)}`}>{e.bodyName}</Link>
                      </th>
                      <td data-label={t('assign.col.category')}>{e.categoryCode}</td>
                      <td data-label={t('assign.col.state')}>
                        <VerificationStateBadge state={e.verificationState} />
                        {e.overdue && (
                          <>
                            {' '}
                            <span className="badge badge-bad">{t('evaluations.late')}</span>
                          </>
                        )}
                      </td>
                      <td data-label={t('assign.col.progress')} className="num">
                        <span className="saq-table-progress">
                          {formatNumber(e.verified)} / {formatNumber(e.total)}
                          <ProgressBar
                            value={e.verified}
                            total={e.total}
                            label={t('assign.progressOf', { body: e.bodyName })}
                          />
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </section>
        );
      })}
    </>
  );
}
