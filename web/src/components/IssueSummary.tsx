import type { MouseEvent } from 'react';
import { ApiError } from '../api.ts';
import { type Issue, pathLabel, translateIssue } from '../drafts.ts';
import { useI18n } from '../i18n/index.tsx';
import { problemHeadline } from './ErrorAlert.tsx';

/**
 * Every problem of a form in one list, each named by its field and linked to it (the field also shows it beside
 * itself): the rules the browser checked before sending, or the server's answer (`errors[].path`).
 */
export function IssueSummary({
  id,
  error,
  issues,
  fieldId,
}: {
  id: string;
  /** The failed request (its headline and detail); none: the browser's own check stopped the form. */
  error?: unknown;
  issues: readonly Issue[];
  /** The id of the input a path belongs to, when the form has one. */
  fieldId: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  if (!error && issues.length === 0) return null;
  const problem = error instanceof ApiError ? error.problem : undefined;
  const headline = error ? problemHeadline(t, error) : t('form.checkTitle');
  const detail = problem?.detail && problem.detail !== headline ? problem.detail : undefined;
  const jump = (event: MouseEvent<HTMLAnchorElement>, target: string) => {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.scrollIntoView({ block: 'center' });
    element.focus({ preventScroll: true });
  };
  const seen = new Set<string>();
  return (
    <div className="alert alert-error issue-summary" role="alert" id={id} tabIndex={-1}>
      <p className="alert-title">{headline}</p>
      {detail && !problem?.errors?.length && <p className="alert-detail">{detail}</p>}
      {issues.length > 0 && (
        <ul className="alert-list">
          {issues.map((issue) => {
            const text = translateIssue(t, issue.message);
            const key = `${issue.path}:${text}`;
            if (seen.has(key)) return null;
            seen.add(key);
            const target = fieldId(issue.path);
            const label = pathLabel(t, issue.path);
            return (
              <li key={key}>
                {target ? (
                  <a href={`#${target}`} onClick={(e) => jump(e, target)}>
                    <strong>{label}</strong>
                  </a>
                ) : (
                  <strong>{label}</strong>
                )}
                : {text}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
