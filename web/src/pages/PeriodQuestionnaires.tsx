import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { Indicator } from '../../../src/domain/questionnaire.ts';
import { ApiError, api, type Period, type QuestionnaireView } from '../api.ts';
import { ErrorAlert, problemHeadline } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading } from '../components/Page.tsx';
import { translateIssue } from '../drafts.ts';
import { useResource } from '../hooks.ts';
import { type Translate, useI18n } from '../i18n/index.tsx';
import { Link } from '../router.tsx';
import { useStatus } from '../status.tsx';
import { ApplyToAllCategories, QuestionEditor } from './PeriodQuestionnaireTools.tsx';

export const previewPath = (cid: string, pid: string, code: string) =>
  `/c/${encodeURIComponent(cid)}/periods/${encodeURIComponent(pid)}/questionnaires/${encodeURIComponent(code)}`;

/**
 * Reads pasted or uploaded JSON as a questionnaire: `{indicators: [...]}` (what export gives), a preset file (its
 * `indicators`), or the bare list of indicators.
 */
export function parseQuestionnaireJson(text: string): { indicators: Indicator[] } | { problem: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { problem: e instanceof Error ? e.message : String(e) };
  }
  if (Array.isArray(parsed)) return { indicators: parsed as Indicator[] };
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { indicators?: unknown }).indicators)) {
    return { indicators: (parsed as { indicators: Indicator[] }).indicators };
  }
  return { problem: 'NO_INDICATORS_KEY' };
}

/** `indicators.0.questions.1.options.0.score` named with the codes of the questionnaire that was sent. */
function questionnairePathLabel(t: Translate, path: string, indicators: Indicator[] | null): string {
  const p = path.split('.');
  const parts: string[] = [];
  let indicator: Indicator | undefined;
  let question: Indicator['questions'][number] | undefined;
  for (let i = 0; i < p.length; i++) {
    const name = p[i];
    const index = Number(p[i + 1]);
    if (name === 'indicators' && Number.isInteger(index)) {
      indicator = indicators?.[index];
      parts.push(t('q.path.indicator', { code: indicator?.code ?? String(index + 1) }));
      i++;
    } else if (name === 'questions' && Number.isInteger(index)) {
      question = indicator?.questions?.[index];
      parts.push(t('q.path.question', { code: question?.code ?? String(index + 1) }));
      i++;
    } else if (name === 'options' && Number.isInteger(index)) {
      parts.push(t('q.path.option', { code: question?.options?.[index]?.code ?? String(index + 1) }));
      i++;
    } else if (name === 'items' && Number.isInteger(index)) {
      parts.push(t('q.path.item', { code: question?.items?.[index]?.code ?? String(index + 1) }));
      i++;
    } else if (name) {
      parts.push(name);
    }
  }
  return parts.join(' · ');
}

/** The server's answer to an import, every problem listed with where it is. */
function ImportProblems({ error, sent }: { error: unknown; sent: Indicator[] | null }) {
  const { t } = useI18n();
  const problem = error instanceof ApiError ? error.problem : undefined;
  const errors = problem?.errors ?? [];
  if (errors.length === 0) return <ErrorAlert error={error} />;
  return (
    <div className="alert alert-error" role="alert">
      <p className="alert-title">{problemHeadline(t, error)}</p>
      <p className="alert-detail">{t('q.importProblems', { count: errors.length })}</p>
      <ul className="alert-list problem-paths">
        {errors.map((e) => (
          <li key={`${e.path ?? ''}:${e.message}`}>
            {e.path && (
              <>
                <strong>{questionnairePathLabel(t, e.path, sent)}</strong>
                {': '}
              </>
            )}
            {translateIssue(t, e.message)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ImportPanel({
  cid,
  period,
  categories,
  category,
  onCategory,
  onImported,
  onClose,
}: {
  cid: string;
  period: Period;
  categories: { code: string; name: string }[];
  category: string;
  onCategory: (code: string) => void;
  onImported: (view: QuestionnaireView) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const presets = useResource(() => api.presets(), []);
  const periods = useResource(() => api.periods(cid), [cid]);
  const [json, setJson] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [fromPeriod, setFromPeriod] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [localProblem, setLocalProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<Indicator[] | null>(null);
  const [done, setDone] = useState<QuestionnaireView | null>(null);
  const outcome = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const categoryName = categories.find((c) => c.code === category)?.name ?? category;
  const existing = period.questionnaires.find((q) => q.categoryCode === category);
  const sources = (periods.data?.periods ?? []).filter(
    (p) => p.id !== period.id && p.questionnaires.some((q) => q.categoryCode === category),
  );

  useEffect(() => {
    if (error || localProblem || done) outcome.current?.scrollIntoView({ block: 'nearest' });
  }, [error, localProblem, done]);

  const run = async (what: string, action: () => Promise<QuestionnaireView>) => {
    setBusy(what);
    setError(null);
    setLocalProblem(null);
    setDone(null);
    try {
      const view = await action();
      setDone(view);
      onImported(view);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };

  const importJson = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    setError(null);
    if (!json.trim()) {
      setLocalProblem(t('q.jsonEmpty'));
      return;
    }
    const parsed = parseQuestionnaireJson(json);
    if ('problem' in parsed) {
      setLocalProblem(
        parsed.problem === 'NO_INDICATORS_KEY'
          ? t('rule.noIndicatorsKey')
          : t('rule.invalidJson', { detail: parsed.problem }),
      );
      return;
    }
    setSent(parsed.indicators);
    await run('json', async () => {
      const view = await api.putQuestionnaire(period.id, category, parsed.indicators);
      setJson('');
      setFileName(null);
      if (fileInput.current) fileInput.current.value = '';
      return view;
    });
  };

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setJson(await file.text());
    setDone(null);
    setError(null);
    setLocalProblem(null);
  };

  return (
    <section className="card panel" id="panel-import-q" aria-labelledby="import-q-title">
      <div className="panel-head">
        <h3 id="import-q-title">{t('q.importTitle', { category: categoryName })}</h3>
        <button type="button" className="btn btn-small btn-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <div className="import-category">
        <Field id="import-q-category" label={t('q.category')}>
          {(a11y) => (
            <select
              {...a11y}
              value={category}
              onChange={(e) => {
                onCategory(e.target.value);
                setDone(null);
                setError(null);
                setLocalProblem(null);
                setFromPeriod('');
              }}
            >
              {categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {existing && <p className="alert alert-warning">{t('q.replaceWarning', { count: existing.questions })}</p>}

      <div className="import-ways">
        <div className="import-way">
          <h4>{t('q.fromPreset')}</h4>
          <ErrorAlert error={presets.error} />
          {presets.loading && !presets.data && <Loading />}
          <div className="button-row">
            {(presets.data?.questionnaires ?? []).map((p) => (
              <button
                key={p.key}
                type="button"
                className="btn btn-secondary"
                disabled={busy !== null}
                onClick={() =>
                  run(`preset-${p.key}`, async () => {
                    const preset = await api.presetQuestionnaire(p.key);
                    setSent(preset.indicators);
                    return api.putQuestionnaire(period.id, category, preset.indicators);
                  })
                }
              >
                {busy === `preset-${p.key}` ? t('import.submitting') : t('q.usePreset', { name: p.name })}
              </button>
            ))}
          </div>
          {(presets.data?.questionnaires ?? []).map((p) => (
            <p className="hint" key={p.key}>
              {t('q.presetInfo', { name: p.name, count: p.questions })}
            </p>
          ))}
        </div>

        <div className="import-way">
          <h4>{t('q.fromPeriod')}</h4>
          {periods.data && sources.length === 0 ? (
            <p className="hint">{t('q.noSourcePeriods', { category: categoryName })}</p>
          ) : (
            <div className="inline-form">
              <Field id="import-q-from" label={t('q.sourcePeriod')}>
                {(a11y) => (
                  <select {...a11y} value={fromPeriod} onChange={(e) => setFromPeriod(e.target.value)}>
                    <option value="">{t('q.choosePeriod')}</option>
                    {sources.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.year} · {p.title}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button
                type="button"
                className="btn btn-secondary"
                disabled={!fromPeriod || busy !== null}
                onClick={() => run('copy', () => api.copyQuestionnaire(period.id, category, fromPeriod))}
              >
                {busy === 'copy' ? t('import.submitting') : t('q.copy')}
              </button>
            </div>
          )}
        </div>

        <form className="import-way" onSubmit={importJson} noValidate>
          <h4>{t('q.fromJson')}</h4>
          <p className="hint">{t('q.jsonHelp')}</p>
          <div className="field">
            <label htmlFor="import-q-file">{t('q.file')}</label>
            <input ref={fileInput} id="import-q-file" type="file" accept=".json,application/json" onChange={readFile} />
            {fileName && <p className="hint">{t('import.fileLoaded', { name: fileName })}</p>}
          </div>
          <Field id="import-q-json" label={t('q.paste')} hint={t('import.pasteHint')}>
            {(a11y) => (
              <textarea
                {...a11y}
                rows={8}
                spellCheck={false}
                className="mono"
                value={json}
                placeholder='{"indicators": [ … ]}'
                onChange={(e) => setJson(e.target.value)}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy !== null}>
              {busy === 'json' ? t('import.submitting') : t('q.importJson')}
            </button>
          </div>
        </form>
      </div>

      <div ref={outcome} aria-live="polite">
        {localProblem && (
          <div className="alert alert-error" role="alert">
            <p className="alert-title">{t('q.importFailed')}</p>
            <p className="alert-detail">{localProblem}</p>
          </div>
        )}
        {error ? <ImportProblems error={error} sent={sent} /> : null}
        {done && (
          <div className="alert alert-success">
            <p className="alert-title">
              {t('q.imported', {
                category: done.categoryName,
                count: done.indicators.reduce((n, i) => n + i.questions.length, 0),
              })}
            </p>
            <Link to={previewPath(cid, period.id, done.categoryCode)}>
              {t('q.previewOf', { category: done.categoryName })}
            </Link>
          </div>
        )}
      </div>
    </section>
  );
}

/** The questionnaires of a period per category of the commission: import (draft only), export, preview. */
export function PeriodQuestionnaires({
  cid,
  period,
  manage,
  onChanged,
}: {
  cid: string;
  period: Period;
  manage: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const categories = useResource(() => api.categories(cid), [cid]);
  const [importing, setImporting] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const editable = manage && period.stage === 'draft';
  const list = categories.data?.categories ?? [];

  const exportJson = async (code: string) => {
    setExportError(null);
    try {
      const view = await api.questionnaire(period.id, code);
      const blob = new Blob([`${JSON.stringify({ indicators: view.indicators }, null, 2)}\n`], {
        type: 'application/json',
      });
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `kuesioner-${period.year}-${code}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
      announce(t('q.exported', { file: a.download }), 'info');
    } catch (e) {
      setExportError(e);
    }
  };

  return (
    <div>
      <p className="hint">{editable ? t('q.leadDraft') : period.stage === 'draft' ? t('q.leadRead') : t('q.frozen')}</p>
      <ErrorAlert error={categories.error ?? exportError} />
      {editable && list.length > 0 && (
        <ApplyToAllCategories cid={cid} period={period} categories={list} onApplied={onChanged} />
      )}
      {editable && editing && (
        <QuestionEditor
          key={editing}
          period={period}
          category={list.find((c) => c.code === editing) ?? { code: editing, name: editing }}
          onClose={() => setEditing(null)}
        />
      )}
      {editable && importing && (
        <ImportPanel
          cid={cid}
          period={period}
          categories={list}
          category={importing}
          onCategory={setImporting}
          onImported={(view) => {
            announce(
              t('q.imported', {
                category: view.categoryName,
                count: view.indicators.reduce((n, i) => n + i.questions.length, 0),
              }),
            );
            onChanged();
          }}
          onClose={() => setImporting(null)}
        />
      )}
      {categories.loading && !categories.data && <Loading />}
      {categories.data && list.length === 0 && <p className="empty">{t('q.noCategories')}</p>}
      {list.length > 0 && (
        <ul className="q-list" aria-label={t('q.listLabel')}>
          {list.map((c) => {
            const q = period.questionnaires.find((x) => x.categoryCode === c.code);
            return (
              <li key={c.code} className="q-item">
                <div className="q-item-main">
                  <span className="q-item-name">{c.name}</span> <span className="badge">{c.code}</span>
                  <div className="q-item-status">
                    {q ? (
                      <span className="badge badge-ok">{t('q.questions', { count: q.questions })}</span>
                    ) : (
                      <span className="badge badge-muted">{t('q.none')}</span>
                    )}
                  </div>
                </div>
                <div className="q-item-actions">
                  {q && (
                    <>
                      <Link to={previewPath(cid, period.id, c.code)} className="btn btn-small btn-secondary">
                        {t('q.preview')}
                        <span className="sr-only"> {c.name}</span>
                      </Link>
                      <button type="button" className="btn btn-small btn-secondary" onClick={() => exportJson(c.code)}>
                        {t('q.export')}
                        <span className="sr-only"> {c.name}</span>
                      </button>
                      {editable && (
                        <button
                          type="button"
                          className={`btn btn-small ${editing === c.code ? 'btn-primary' : 'btn-secondary'}`}
                          aria-expanded={editing === c.code}
                          aria-controls="panel-edit-q"
                          onClick={() => {
                            setImporting(null);
                            setEditing(editing === c.code ? null : c.code);
                          }}
                        >
                          {t('qEdit.button')}
                          <span className="sr-only"> {c.name}</span>
                        </button>
                      )}
                    </>
                  )}
                  {editable && (
                    <button
                      type="button"
                      className={`btn btn-small ${importing === c.code ? 'btn-primary' : 'btn-secondary'}`}
                      aria-expanded={importing === c.code}
                      aria-controls="panel-import-q"
                      onClick={() => {
                        setImporting(importing === c.code ? null : c.code);
                        if (importing !== c.code)
                          window.setTimeout(
                            () => document.getElementById('import-q-title')?.scrollIntoView({ block: 'start' }),
                            0,
                          );
                      }}
                    >
                      {t('q.import')}
                      <span className="sr-only"> {c.name}</span>
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
