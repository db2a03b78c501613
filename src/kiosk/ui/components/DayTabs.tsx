import type { DayGroup } from '../../../domain/schedule';
import type { Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import { dateShort, dayName } from '../format';

interface Props {
  readonly lang: Lang;
  readonly days: readonly DayGroup[];
  readonly selected: number;
  readonly panelId: string;
  readonly onSelect: (index: number) => void;
}

/** Today and the next days as tabs: the day's name over its date, with how many entries it has. */
export function DayTabs({ lang, days, selected, panelId, onSelect }: Props) {
  return (
    <div class="day-tabs" role="tablist" aria-label={t(lang, 'schedule.days')}>
      {days.map((day, i) => (
        <button
          key={day.date}
          type="button"
          role="tab"
          id={`day-tab-${i}`}
          class="day-tab"
          aria-selected={i === selected}
          aria-controls={panelId}
          data-date={day.date}
          onClick={() => onSelect(i)}
        >
          <span class="day-tab-name">{dayName(lang, day.date, i)}</span>
          {' '}
          <span class="day-tab-date">{dateShort(lang, day.date)}</span>
        </button>
      ))}
    </div>
  );
}
