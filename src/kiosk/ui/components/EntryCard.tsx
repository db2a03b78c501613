import { entryStatus, type ScheduleEntry } from '../../../domain/schedule';
import { pick, type Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import { placesText, timeOf } from '../format';
import type { Lookup } from '../lookup';

export interface EntryCardProps {
  readonly lang: Lang;
  readonly entry: ScheduleEntry;
  readonly lookup: Lookup;
  readonly now: number;
  readonly timeZone: string;
}

/** One schedule entry: time, title, category, room, instructor, places; a cancelled one struck through. */
export function EntryCard({ lang, entry, lookup, now, timeZone }: EntryCardProps) {
  const status = entryStatus(entry, now);
  const category = lookup.category(entry.category);
  const title = pick(entry.title, lang);
  const places = entry.cancelled ? t(lang, 'entry.cancelled') : placesText(lang, entry.capacity, entry.placesLeft);
  const full = !entry.cancelled && entry.capacity !== null && (entry.placesLeft ?? 0) <= 0;
  return (
    <li
      class={`entry entry-${status}`}
      style={{ '--cat': category.color }}
      data-testid="schedule-entry"
      data-entry-id={entry.id}
      data-category={entry.category}
      data-status={status}
    >
      <div class="entry-time">
        <time dateTime={entry.startsAt}>{t(lang, 'entry.time', { start: timeOf(Date.parse(entry.startsAt), timeZone), end: timeOf(Date.parse(entry.endsAt), timeZone) })}</time>
        {status === 'now' && <span class="entry-badge">{t(lang, 'entry.now')}</span>}
        {status === 'past' && <span class="entry-badge entry-badge-muted">{t(lang, 'entry.past')}</span>}
      </div>
      <div class="entry-main">
        <h3 class="entry-title">{entry.cancelled ? <s>{title}</s> : title}</h3>
        <p class="entry-meta">
          <span class="chip" data-testid="entry-category">{category.name}</span>
          <span data-testid="entry-room">{t(lang, 'entry.room', { room: lookup.room(entry.room) })}</span>
          {entry.instructor && <span data-testid="entry-instructor">{t(lang, 'entry.instructor', { name: entry.instructor })}</span>}
        </p>
      </div>
      <div class={`entry-places${entry.cancelled ? ' entry-places-cancelled' : full ? ' entry-places-full' : ''}`} data-testid="entry-places">
        {places}
      </div>
    </li>
  );
}
