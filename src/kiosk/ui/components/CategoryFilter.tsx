import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { Lookup } from '../lookup';

interface Props {
  readonly lang: Lang;
  readonly categories: readonly string[];
  readonly selected: string | null;
  readonly lookup: Lookup;
  readonly onSelect: (category: string | null) => void;
}

/** "All" and each category in use, as toggle buttons (aria-pressed). */
export function CategoryFilter({ lang, categories, selected, lookup, onSelect }: Props) {
  return (
    <div class="category-filter" role="group" aria-label={t(lang, 'schedule.filter')}>
      <button type="button" class="filter-button" aria-pressed={selected === null} data-category="" onClick={() => onSelect(null)}>
        {t(lang, 'schedule.all')}
      </button>
      {categories.map((id) => {
        const c = lookup.category(id);
        return (
          <button
            key={id}
            type="button"
            class="filter-button"
            style={{ '--cat': c.color }}
            aria-pressed={selected === id}
            data-category={id}
            onClick={() => onSelect(id)}
          >
            <span class="filter-swatch" aria-hidden="true" />
            {c.name}
          </button>
        );
      })}
    </div>
  );
}
