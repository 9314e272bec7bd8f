import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, type CopyAllResult, type Period, type QuestionnaireView } from '../api.ts';
import { ConfirmDialog } from '../components/ConfirmDialog.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Field } from '../components/Field.tsx';
import { Loading } from '../components/Page.tsx';
import { translateIssue } from '../drafts.ts';
import { useResource } from '../hooks.ts';
import { useI18n } from '../i18n/index.tsx';
import { useStatus } from '../status.tsx';

type Category = { code: string; name: string };

/** The editor's fields for one question of a questionnaire, as the server has it. */
function formOf(view: QuestionnaireView, code: string) {
  const q = view.indicators.flatMap((i) => i.questions).find((x) => x.code === code);
  return { code, text: q?.text ?? '', guidance: q?.guidance ?? '', weight: q ? String(q.weight) : '' };
}

/**
 * Every category's questionnaire in one step (issue 25, item 9): from a preset edition or another period of the
 * commission; categories that already have one are skipped or replaced, as the admin chose and confirmed.
 */
export function ApplyToAllCategories({
  cid,
  period,
  categories,
  onApplied,
}: {
  cid: string;
  period: Period;
  categories: Category[];
  onApplied: () => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const presets = useResource(() => api.presets(), []);
  const periods = useResource(() => api.periods(cid), [cid]);
  const [source, setSource] = useState('');
  const [existing, setExisting] = useState<'skip' | 'replace'>('skip');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<CopyAllResult | null>(null);
  const others = (periods.data?.periods ?? []).filter((p) => p.id !== period.id && p.questionnaires.length > 0);
  const presetList = presets.data?.questionnaires ?? [];
  const [kind, key] = source.split(':', 2) as ['preset' | 'period' | '', string | undefined];
  const sourceName =
    kind === 'preset'
      ? (presetList.find((p) => p.key === key)?.name ?? '')
      : (others.find((p) => p.id === key)?.title ?? '');
  const withOne = categories.filter((c) => period.questionnaires.some((q) => q.categoryCode === c.code));

  const apply = async () => {
    if (!key) return;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const result = await api.copyAllQuestionnaires(period.id, {
        ...(kind === 'preset' ? { presetKey: key } : { fromPeriodId: key }),
        existing,
      });
      setDone(result);
      setConfirming(false);
      announce(
        t('qAll.done', {
          copied: result.copied.length,
          replaced: result.replaced.length,
          skipped: result.skipped.length,
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
    <section className="card" aria-labelledby="q-all-title">
      <h3 id="q-all-title">{t('qAll.title')}</h3>
      <p className="hint">{t('qAll.lead')}</p>
      <ErrorAlert error={presets.error ?? periods.error} />
      {(presets.loading || periods.loading) && !presets.data && <Loading />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          if (key) setConfirming(true);
        }}
      >
        <Field id="q-all-source" label={t('qAll.source')}>
          {(a11y) => (
            <select {...a11y} value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">{t('qAll.choose')}</option>
              {presetList.length > 0 && (
                <optgroup label={t('qAll.presetGroup')}>
                  {presetList.map((p) => (
                    <option key={p.key} value={`preset:${p.key}`}>
                      {p.name}
                    </option>
                  ))}
                </optgroup>
              )}
              {others.length > 0 && (
                <optgroup label={t('qAll.periodGroup')}>
                  {others.map((p) => (
                    <option key={p.id} value={`period:${p.id}`}>
                      {p.year} · {p.title}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
        </Field>
        <fieldset className="fieldset">
          <legend>{t('qAll.existing')}</legend>
          {(['skip', 'replace'] as const).map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name="q-all-existing"
                value={value}
                checked={existing === value}
                onChange={() => setExisting(value)}
              />
              <span>{t(value === 'skip' ? 'qAll.skip' : 'qAll.replace')}</span>
            </label>
          ))}
        </fieldset>
        <button type="submit" className="btn btn-primary" disabled={!key || busy}>
          {t('qAll.apply')}
        </button>
      </form>
      <div aria-live="polite">
        {done && (
          <div className="alert alert-success">
            <p className="alert-title">
              {t('qAll.done', {
                copied: done.copied.length,
                replaced: done.replaced.length,
                skipped: done.skipped.length,
              })}
            </p>
            {done.unavailable.length > 0 && <p>{t('qAll.unavailable', { categories: done.unavailable.join(', ') })}</p>}
          </div>
        )}
      </div>
      <ConfirmDialog open={confirming} title={t('qAll.confirmTitle')} onClose={() => setConfirming(false)}>
        <p>{t('qAll.confirmText', { source: sourceName })}</p>
        {withOne.length > 0 && (
          <p className={existing === 'replace' ? 'alert alert-warning' : 'hint'}>
            {t(existing === 'replace' ? 'qAll.confirmReplace' : 'qAll.confirmSkip', {
              categories: withOne.map((c) => c.name).join(', '),
            })}
          </p>
        )}
        <ErrorAlert error={error} />
        <div className="form-actions dialog-actions">
          <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={apply}>
            {busy ? t('common.saving') : t('qAll.confirmButton')}
          </button>
        </div>
      </ConfirmDialog>
    </section>
  );
}

/**
 * One question's wording, guidance and weight, edited in the page while the period is a draft; the questionnaire's
 * version goes as If-Match, so an edit made meanwhile by someone else is loaded rather than overwritten.
 */
export function QuestionEditor({
  period,
  category,
  onClose,
}: {
  period: Period;
  category: Category;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { announce } = useStatus();
  const loaded = useResource(() => api.questionnaire(period.id, category.code), [period.id, category.code]);
  const [view, setView] = useState<QuestionnaireView | null>(null);
  const [form, setForm] = useState({ code: '', text: '', guidance: '', weight: '' });
  const { code, text, guidance, weight } = form;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState(false);
  const questions = (view?.indicators ?? []).flatMap((i) => i.questions);
  const question = questions.find((q) => q.code === code);

  const fill = (v: QuestionnaireView, questionCode: string) => setForm(formOf(v, questionCode));
  useEffect(() => {
    if (!loaded.data) return;
    setView(loaded.data);
    setForm(formOf(loaded.data, loaded.data.indicators[0]?.questions[0]?.code ?? ''));
  }, [loaded.data]);

  const fieldError = (path: string) => {
    const found = error instanceof ApiError ? error.problem.errors?.find((e) => e.path === path) : undefined;
    return found ? translateIssue(t, found.message) : undefined;
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!view || !question) return;
    setBusy(true);
    setError(null);
    setConflict(false);
    try {
      const saved = await api.editQuestion(period.id, category.code, code, view.version, {
        text,
        guidance,
        weight: Number(weight),
      });
      setView(saved);
      fill(saved, code);
      announce(t('qEdit.saved', { code }));
    } catch (e) {
      if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
        const latest = await api.questionnaire(period.id, category.code);
        setView(latest);
        fill(latest, code);
        setConflict(true);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card panel" id="panel-edit-q" aria-labelledby="edit-q-title">
      <div className="panel-head">
        <h3 id="edit-q-title">{t('qEdit.title', { category: category.name })}</h3>
        <button type="button" className="btn btn-small btn-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <ErrorAlert error={loaded.error} />
      {loaded.loading && !view && <Loading />}
      {view && (
        <form onSubmit={save} noValidate>
          {conflict && (
            <div className="alert alert-warning" role="alert">
              {t('qEdit.conflict')}
            </div>
          )}
          <ErrorAlert error={error} inlinePaths={['text', 'guidance', 'weight']} />
          <Field id="edit-q-code" label={t('qEdit.question')}>
            {(a11y) => (
              <select
                {...a11y}
                value={code}
                onChange={(e) => {
                  setError(null);
                  setConflict(false);
                  fill(view, e.target.value);
                }}
              >
                {questions.map((q) => (
                  <option key={q.code} value={q.code}>
                    {q.code} · {q.text.length > 80 ? `${q.text.slice(0, 80)}…` : q.text}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="edit-q-text" label={t('qEdit.text')} error={fieldError('text')}>
            {(a11y) => (
              <textarea
                {...a11y}
                rows={3}
                maxLength={2000}
                value={text}
                onChange={(e) => setForm({ ...form, text: e.target.value })}
              />
            )}
          </Field>
          <Field
            id="edit-q-guidance"
            label={t('qEdit.guidance')}
            optional={t('common.optional')}
            error={fieldError('guidance')}
          >
            {(a11y) => (
              <textarea
                {...a11y}
                rows={3}
                maxLength={4000}
                value={guidance}
                onChange={(e) => setForm({ ...form, guidance: e.target.value })}
              />
            )}
          </Field>
          <Field id="edit-q-weight" label={t('qEdit.weight')} error={fieldError('weight')}>
            {(a11y) => (
              <input
                {...a11y}
                type="number"
                step="any"
                min="0"
                inputMode="decimal"
                value={weight}
                onChange={(e) => setForm({ ...form, weight: e.target.value })}
              />
            )}
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || !question}>
              {busy ? t('common.saving') : t('qEdit.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
