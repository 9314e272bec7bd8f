import type { ChangeEvent } from 'react';
import type { Category } from '../api.ts';
import { Field } from '../components/Field.tsx';
import { useI18n } from '../i18n/index.tsx';

export interface BodyFormValues {
  name: string;
  categoryCode: string;
  province: string;
  website: string;
  ppidEmail: string;
}

export const BODY_FIELDS = ['name', 'categoryCode', 'province', 'website', 'ppidEmail'] as const;
export const EMPTY_BODY: BodyFormValues = { name: '', categoryCode: '', province: '', website: '', ppidEmail: '' };

/** The fields of a public body, shared by the create form and the edit page; errors are keyed by the API's paths. */
export function BodyFields({
  idPrefix,
  values,
  onChange,
  errors,
  categories,
}: {
  idPrefix: string;
  values: BodyFormValues;
  onChange: (values: BodyFormValues) => void;
  errors: Record<string, string>;
  categories: Category[];
}) {
  const { t } = useI18n();
  const set = (key: keyof BodyFormValues) => (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
    onChange({ ...values, [key]: e.target.value });
  return (
    <>
      <Field id={`${idPrefix}-name`} label={t('body.name')} error={errors.name} className="span-2">
        {(a11y) => <input {...a11y} required value={values.name} onChange={set('name')} autoComplete="off" />}
      </Field>
      <Field id={`${idPrefix}-category`} label={t('body.category')} error={errors.categoryCode}>
        {(a11y) => (
          <select {...a11y} required value={values.categoryCode} onChange={set('categoryCode')}>
            <option value="">{t('body.chooseCategory')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id={`${idPrefix}-province`}
        label={t('body.province')}
        optional={t('common.optional')}
        error={errors.province}
      >
        {(a11y) => <input {...a11y} value={values.province} onChange={set('province')} />}
      </Field>
      <Field
        id={`${idPrefix}-website`}
        label={t('body.website')}
        optional={t('common.optional')}
        hint={t('body.websiteHint')}
        error={errors.website}
      >
        {(a11y) => <input {...a11y} type="url" inputMode="url" value={values.website} onChange={set('website')} />}
      </Field>
      <Field
        id={`${idPrefix}-ppid`}
        label={t('body.ppidEmail')}
        optional={t('common.optional')}
        error={errors.ppidEmail}
      >
        {(a11y) => <input {...a11y} type="email" value={values.ppidEmail} onChange={set('ppidEmail')} />}
      </Field>
    </>
  );
}
