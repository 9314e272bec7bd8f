import { useEffect, useMemo, useRef } from 'react';
import {
  type BandDraft,
  type Below,
  type ComponentDraft,
  draftToMethodology,
  type Issue,
  issuesByPath,
  type MethodologyDraft,
  newBand,
  newComponent,
  type Source,
  weightShares,
} from '../drafts.ts';
import { formatScore, type Lang } from '../i18n/format.ts';
import { useI18n } from '../i18n/index.tsx';
import { Field } from './Field.tsx';

interface Props {
  /** Prefix of the inputs' ids (two editors on one page must differ). */
  idPrefix: string;
  draft: MethodologyDraft;
  onChange: (draft: MethodologyDraft) => void;
  /** Problems the server reported, paths relative to the methodology; shown beside the live ones. */
  serverIssues?: readonly Issue[] | undefined;
}

/** The range of scores a band covers at the methodology's decimals: 80.00–89.99 (the first band reaches 100). */
export function bandRange(mins: readonly number[], index: number, decimals: number, lang: Lang): string | null {
  const min = mins[index];
  if (min === undefined || !Number.isFinite(min) || !Number.isInteger(decimals) || decimals < 0 || decimals > 4)
    return null;
  const step = 10 ** -decimals;
  const above = index === 0 ? undefined : mins[index - 1];
  if (above !== undefined && !(Number.isFinite(above) && above > min)) return null;
  const upper = above === undefined ? 100 : above - step;
  if (upper < min) return null;
  return `${formatScore(min, decimals, lang)}–${formatScore(upper, decimals, lang)}`;
}

/**
 * Edits a methodology: components (key, label, weight, source), the gate, bands and decimals. Every rule of
 * src/domain/methodology.ts is checked as the person types, and each problem is shown beside its field.
 */
export function MethodologyEditor({ idPrefix, draft, onChange, serverIssues = [] }: Props) {
  const { t, lang, formatPercent: percent } = useI18n();
  const focusNext = useRef<string | null>(null);
  const { issues } = useMemo(() => draftToMethodology(draft), [draft]);
  const errors = useMemo(() => issuesByPath(t, [...issues, ...serverIssues]), [t, issues, serverIssues]);
  const shares = weightShares(draft.components.map((c) => c.weight));
  const decimals = Number(draft.decimals);
  const mins = draft.bands.map((b) => (b.min.trim() === '' ? Number.NaN : Number(b.min)));
  const keys = draft.components.map((c) => c.key.trim()).filter(Boolean);
  // ranges only for bands that make sense: a wrong minimum would make its neighbours' ranges wrong too
  const bandsValid = ![...errors.keys()].some((path) => path.startsWith('bands') || path === 'decimals');

  // a row just added: its first input takes the focus
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const setComponent = (index: number, patch: Partial<ComponentDraft>) => {
    const before = draft.components[index];
    const components = draft.components.map((c, i) => (i === index ? { ...c, ...patch } : c));
    // a gate follows its component when the key is renamed
    const renamed = before && patch.key !== undefined && draft.gate.component === before.key.trim();
    onChange({
      ...draft,
      components,
      gate: renamed ? { ...draft.gate, component: patch.key?.trim() ?? '' } : draft.gate,
    });
  };
  const addComponent = () => {
    const row = newComponent();
    focusNext.current = `${idPrefix}-c-${row.uid}-key`;
    onChange({ ...draft, components: [...draft.components, row] });
  };
  const removeComponent = (index: number) => {
    onChange({ ...draft, components: draft.components.filter((_, i) => i !== index) });
    document.getElementById(`${idPrefix}-add-component`)?.focus();
  };
  const setBand = (index: number, patch: Partial<BandDraft>) =>
    onChange({ ...draft, bands: draft.bands.map((b, i) => (i === index ? { ...b, ...patch } : b)) });
  const addBand = () => {
    const row = newBand();
    focusNext.current = `${idPrefix}-b-${row.uid}-label`;
    onChange({ ...draft, bands: [...draft.bands, row] });
  };
  const removeBand = (index: number) => {
    onChange({ ...draft, bands: draft.bands.filter((_, i) => i !== index) });
    document.getElementById(`${idPrefix}-add-band`)?.focus();
  };

  const count = errors.size;
  return (
    <div className="meth-editor">
      <p className={`rule-status ${count === 0 ? 'rule-ok' : 'rule-bad'}`} role="status" aria-live="polite">
        {count === 0 ? t('meth.valid') : t('meth.invalid', { count })}
      </p>

      <fieldset className="fieldset meth-group">
        <legend>{t('meth.components')}</legend>
        <p className="hint">{t('meth.componentsHint')}</p>
        {errors.get('components') && <p className="field-error group-error">{errors.get('components')}</p>}
        <ol className="edit-rows">
          {draft.components.map((c, i) => {
            const base = `${idPrefix}-c-${c.uid}`;
            const at = `components.${i}`;
            return (
              <li key={c.uid}>
                <fieldset className="edit-row">
                  <legend className="edit-row-legend">
                    {t('meth.componentN', { n: i + 1 })}
                    <span className="share-badge">{percent(shares[i] ?? null)}</span>
                  </legend>
                  <div className="edit-row-fields edit-row-component">
                    <Field id={`${base}-key`} label={t('meth.key')} error={errors.get(`${at}.key`)} className="f-key">
                      {(a11y) => (
                        <input
                          {...a11y}
                          className="mono"
                          value={c.key}
                          autoComplete="off"
                          spellCheck={false}
                          onChange={(e) => setComponent(i, { key: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      id={`${base}-label`}
                      label={t('meth.label')}
                      error={errors.get(`${at}.label`)}
                      className="f-label"
                    >
                      {(a11y) => (
                        <input {...a11y} value={c.label} onChange={(e) => setComponent(i, { label: e.target.value })} />
                      )}
                    </Field>
                    <Field
                      id={`${base}-weight`}
                      label={t('meth.weight')}
                      error={errors.get(`${at}.weight`)}
                      className="f-weight"
                    >
                      {(a11y) => (
                        <input
                          {...a11y}
                          type="text"
                          inputMode="decimal"
                          autoComplete="off"
                          value={c.weight}
                          onChange={(e) => setComponent(i, { weight: e.target.value })}
                        />
                      )}
                    </Field>
                    <Field
                      id={`${base}-source`}
                      label={t('meth.source')}
                      error={errors.get(`${at}.source`)}
                      className="f-source"
                    >
                      {(a11y) => (
                        <select
                          {...a11y}
                          value={c.source}
                          onChange={(e) => setComponent(i, { source: e.target.value as Source })}
                        >
                          <option value="questionnaire">{t('meth.source.questionnaire')}</option>
                          <option value="panel">{t('meth.source.panel')}</option>
                        </select>
                      )}
                    </Field>
                    <div className="edit-row-remove">
                      <button type="button" className="btn btn-small btn-secondary" onClick={() => removeComponent(i)}>
                        {t('meth.remove')}
                        <span className="sr-only"> {t('meth.componentN', { n: i + 1 })}</span>
                      </button>
                    </div>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="button-row meth-group-foot">
          <button
            type="button"
            id={`${idPrefix}-add-component`}
            className="btn btn-small btn-secondary"
            onClick={addComponent}
            disabled={draft.components.length >= 10}
          >
            {t('meth.addComponent')}
          </button>
          {shares.every((s) => s !== null) && draft.components.length > 0 && (
            <p className="shares">
              {t('meth.shares')}{' '}
              {draft.components.map((c, i) => (
                <span key={c.uid} className="share-item">
                  {c.label || c.key} {percent(shares[i] ?? null)}
                </span>
              ))}
            </p>
          )}
        </div>
      </fieldset>

      <fieldset className="fieldset meth-group">
        <legend>{t('meth.gate')}</legend>
        <div className="check-field">
          <input
            id={`${idPrefix}-gate-on`}
            type="checkbox"
            checked={draft.gateOn}
            onChange={(e) => onChange({ ...draft, gateOn: e.target.checked })}
            aria-describedby={`${idPrefix}-gate-hint`}
          />
          <label htmlFor={`${idPrefix}-gate-on`}>{t('meth.gateOn')}</label>
        </div>
        <p className="hint" id={`${idPrefix}-gate-hint`}>
          {t('meth.gateHint')}
        </p>
        {draft.gateOn && (
          <div className="edit-row-fields edit-row-gate">
            <Field
              id={`${idPrefix}-gate-component`}
              label={t('meth.gateComponent')}
              error={errors.get('gate.component')}
            >
              {(a11y) => (
                <select
                  {...a11y}
                  value={draft.gate.component}
                  onChange={(e) => onChange({ ...draft, gate: { ...draft.gate, component: e.target.value } })}
                >
                  {!keys.includes(draft.gate.component) && (
                    <option value={draft.gate.component}>{t('meth.choose')}</option>
                  )}
                  {draft.components
                    .filter((c) => c.key.trim())
                    .map((c) => (
                      <option key={c.uid} value={c.key.trim()}>
                        {c.label ? `${c.label} (${c.key.trim()})` : c.key.trim()}
                      </option>
                    ))}
                </select>
              )}
            </Field>
            <Field
              id={`${idPrefix}-gate-min`}
              label={t('meth.gateMin')}
              hint={t('meth.gateMinHint')}
              error={errors.get('gate.min')}
            >
              {(a11y) => (
                <input
                  {...a11y}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={draft.gate.min}
                  onChange={(e) => onChange({ ...draft, gate: { ...draft.gate, min: e.target.value } })}
                />
              )}
            </Field>
            <Field
              id={`${idPrefix}-gate-below`}
              label={t('meth.gateBelow')}
              hint={
                draft.gate.below === 'weighted' ? t('meth.below.weightedHint') : t('meth.below.questionnaireOnlyHint')
              }
              error={errors.get('gate.below')}
            >
              {(a11y) => (
                <select
                  {...a11y}
                  value={draft.gate.below}
                  onChange={(e) => onChange({ ...draft, gate: { ...draft.gate, below: e.target.value as Below } })}
                >
                  <option value="weighted">{t('meth.below.weighted')}</option>
                  <option value="questionnaire_only">{t('meth.below.questionnaireOnly')}</option>
                </select>
              )}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className="fieldset meth-group">
        <legend>{t('meth.bands')}</legend>
        <p className="hint">{t('meth.bandsHint')}</p>
        {errors.get('bands') && <p className="field-error group-error">{errors.get('bands')}</p>}
        <ol className="edit-rows">
          {draft.bands.map((b, i) => {
            const base = `${idPrefix}-b-${b.uid}`;
            const at = `bands.${i}`;
            const range = bandsValid ? bandRange(mins, i, decimals, lang) : null;
            return (
              <li key={b.uid}>
                <fieldset className="edit-row">
                  <legend className="edit-row-legend">
                    {t('meth.bandN', { n: i + 1 })}
                    {range && <span className="share-badge">{range}</span>}
                  </legend>
                  <div className="edit-row-fields edit-row-band">
                    <Field id={`${base}-label`} label={t('meth.label')} error={errors.get(`${at}.label`)}>
                      {(a11y) => (
                        <input {...a11y} value={b.label} onChange={(e) => setBand(i, { label: e.target.value })} />
                      )}
                    </Field>
                    <Field id={`${base}-min`} label={t('meth.min')} error={errors.get(`${at}.min`)}>
                      {(a11y) => (
                        <input
                          {...a11y}
                          type="text"
                          inputMode="decimal"
                          autoComplete="off"
                          value={b.min}
                          onChange={(e) => setBand(i, { min: e.target.value })}
                        />
                      )}
                    </Field>
                    <div className="check-field edit-row-check">
                      <input
                        id={`${base}-certificate`}
                        type="checkbox"
                        checked={b.certificate}
                        onChange={(e) => setBand(i, { certificate: e.target.checked })}
                      />
                      <label htmlFor={`${base}-certificate`}>{t('meth.certificate')}</label>
                    </div>
                    <div className="edit-row-remove">
                      <button type="button" className="btn btn-small btn-secondary" onClick={() => removeBand(i)}>
                        {t('meth.remove')}
                        <span className="sr-only"> {t('meth.bandN', { n: i + 1 })}</span>
                      </button>
                    </div>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ol>
        <div className="button-row meth-group-foot">
          <button
            type="button"
            id={`${idPrefix}-add-band`}
            className="btn btn-small btn-secondary"
            onClick={addBand}
            disabled={draft.bands.length >= 10}
          >
            {t('meth.addBand')}
          </button>
        </div>
      </fieldset>

      <div className="meth-decimals">
        <Field
          id={`${idPrefix}-decimals`}
          label={t('meth.decimals')}
          hint={t('meth.decimalsHint')}
          error={errors.get('decimals')}
        >
          {(a11y) => (
            <input
              {...a11y}
              type="number"
              inputMode="numeric"
              min="0"
              max="4"
              step="1"
              value={draft.decimals}
              onChange={(e) => onChange({ ...draft, decimals: e.target.value })}
            />
          )}
        </Field>
      </div>
    </div>
  );
}

/** The input a methodology path (`bands.1.min`) belongs to in an editor with this prefix and draft. */
export function methodologyFieldId(idPrefix: string, draft: MethodologyDraft, path: string): string | undefined {
  const [group, index, field] = path.split('.');
  if (group === 'components') {
    const row = index === undefined ? undefined : draft.components[Number(index)];
    return row ? `${idPrefix}-c-${row.uid}-${field ?? 'key'}` : `${idPrefix}-add-component`;
  }
  if (group === 'bands') {
    const row = index === undefined ? undefined : draft.bands[Number(index)];
    return row ? `${idPrefix}-b-${row.uid}-${field ?? 'label'}` : `${idPrefix}-add-band`;
  }
  if (group === 'gate') return index ? `${idPrefix}-gate-${index}` : `${idPrefix}-gate-on`;
  if (group === 'decimals') return `${idPrefix}-decimals`;
  return undefined;
}

/** The input a schedule path (`schedule.saq`, `schedule.saq.end`) belongs to. */
export function scheduleFieldId(idPrefix: string, path: string): string | undefined {
  const [group, stage, field] = path.split('.');
  if (group !== 'schedule' || !stage) return undefined;
  return `${idPrefix}-${stage}-${field === 'end' ? 'end' : 'start'}`;
}
