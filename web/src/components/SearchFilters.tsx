import { useI18n } from '../i18n/index.tsx';

/**
 * A search by name and a category filter over a list, in a `<search>` region named `label`; `section` names the
 * messages (its search, searchPlaceholder, category and allCategories) and `id` prefixes the controls' ids.
 */
export function SearchFilters({
  id,
  section,
  label,
  q,
  onSearch,
  category,
  onCategory,
  categories,
}: {
  id: string;
  section: 'bodies' | 'public';
  label: string;
  q: string;
  onSearch: (q: string) => void;
  category: string;
  onCategory: (code: string) => void;
  categories: readonly { code: string; name: string }[];
}) {
  const { t } = useI18n();
  return (
    <search className="filters" aria-label={label}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t(`${section}.search`)}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          placeholder={t(`${section}.searchPlaceholder`)}
          onChange={(e) => onSearch(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-category`}>{t(`${section}.category`)}</label>
        <select id={`${id}-category`} value={category} onChange={(e) => onCategory(e.target.value)}>
          <option value="">{t(`${section}.allCategories`)}</option>
          {categories.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
