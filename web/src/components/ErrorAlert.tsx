import { ApiError, NETWORK_ERROR, type ProblemDetail } from '../api.ts';
import { id as dictionary } from '../i18n/id.ts';
import { type MessageKey, type Translate, useI18n } from '../i18n/index.tsx';

const isKey = (key: string): key is MessageKey => Object.hasOwn(dictionary, key);

/** The translated headline for a failure: by the problem's stable code, else by HTTP status. */
export function problemHeadline(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    // the server names the address the application must be opened at (PUBLIC_URL)
    if (error.code === 'ORIGIN_MISMATCH' && typeof error.problem.publicUrl === 'string') {
      return t('problem.ORIGIN_MISMATCH.useAddress', { url: error.problem.publicUrl });
    }
    // a page (or a part of one) this role may not see: said so, not as a failed action
    if (error.code === 'FORBIDDEN' && error.method === 'GET') return t('forbidden.title');
    const byCode = `problem.${error.code}`;
    if (isKey(byCode)) return t(byCode);
    if (error.code === NETWORK_ERROR) return t('problem.NETWORK_ERROR');
    return t('problem.generic', { status: error.status });
  }
  return t('problem.unknown');
}

interface Props {
  error: unknown;
  /** Field paths shown next to their inputs; their errors are not repeated here. */
  inlinePaths?: readonly string[];
  /** Labels for the paths of `errors[]`, so `ppidEmail` reads as "E-mail PPID" (else the server's `field`). */
  fieldLabels?: Record<string, string>;
  className?: string;
}

/**
 * A failed request, for people: the translated headline by code, the server's own detail as it came (in the
 * interface's language: api.ts sends it), and every entry of `errors` (lines of a CSV as a table, fields as a list,
 * each named by its label).
 */
export function ErrorAlert({ error, inlinePaths = [], fieldLabels = {}, className }: Props) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const headline = problemHeadline(t, error);
  const detail = problem?.detail && problem.detail !== headline ? problem.detail : undefined;
  const errors = (problem?.errors ?? []).filter((e) => !(e.path && inlinePaths.includes(e.path)));
  const byLine = errors.filter((e): e is ProblemDetail & { line: number } => typeof e.line === 'number');
  const others = errors.filter((e) => typeof e.line !== 'number');
  byLine.sort((a, b) => a.line - b.line);
  const retryAfter = typeof problem?.retryAfter === 'number' ? problem.retryAfter : undefined;

  return (
    <div className={`alert alert-error ${className ?? ''}`} role="alert">
      <p className="alert-title">{headline}</p>
      {detail && <p className="alert-detail">{detail}</p>}
      {retryAfter !== undefined && (
        <p className="alert-detail">{t('problem.retryAfter', { minutes: Math.max(1, Math.ceil(retryAfter / 60)) })}</p>
      )}
      {byLine.length > 0 && (
        <div className="table-wrap">
          <table className="table table-compact">
            <caption className="sr-only">{t('problem.linesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('problem.line')}</th>
                <th scope="col">{t('problem.message')}</th>
              </tr>
            </thead>
            <tbody>
              {byLine.map((e) => (
                <tr key={`${e.line}:${e.message}`}>
                  <td className="num">{t('problem.lineN', { line: e.line })}</td>
                  <td>{e.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {others.length > 0 && (
        <ul className="alert-list">
          {others.map((e) => (
            <li key={`${e.path ?? ''}:${e.message}`}>
              {e.path ? <strong>{fieldLabels[e.path] ?? e.field ?? e.path}: </strong> : null}
              {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
