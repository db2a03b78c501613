import type { NowNext, ScheduleEntry } from '../../../domain/schedule';
import { pick, type Lang } from '../../../domain/text';
import { zonedParts } from '../../../domain/time';
import { t } from '../../i18n/t';
import { dateShort, timeOf } from '../format';
import type { Lookup } from '../lookup';

interface Props {
  readonly lang: Lang;
  readonly nowNext: NowNext;
  readonly lookup: Lookup;
  readonly now: number;
  readonly timeZone: string;
}

function Item({ lang, entry, lookup, when }: { lang: Lang; entry: ScheduleEntry; lookup: Lookup; when: string }) {
  const category = lookup.category(entry.category);
  return (
    <li class="strip-item" style={{ '--cat': category.color }}>
      <span class="strip-when">{when}</span>
      <span class="strip-title">{pick(entry.title, lang)}</span>
      <span class="strip-room">{lookup.room(entry.room)}</span>
    </li>
  );
}

/** What is on now and what comes next, two columns under the clock. */
export function NowNextStrip({ lang, nowNext, lookup, now, timeZone }: Props) {
  const today = zonedParts(now, timeZone).date;
  const startText = (e: ScheduleEntry) => {
    const at = zonedParts(Date.parse(e.startsAt), timeZone);
    return at.date === today ? at.time : `${dateShort(lang, at.date)} ${at.time}`;
  };
  return (
    <div class="now-next" data-testid="now-next">
      <section class="strip" tabIndex={0} aria-labelledby="strip-now" data-testid="strip-now">
        <h2 id="strip-now">{t(lang, 'attract.now')}</h2>
        {nowNext.now.length === 0 ? (
          <p class="strip-empty">{t(lang, 'attract.nothingNow')}</p>
        ) : (
          <ul>
            {nowNext.now.slice(0, 2).map((e) => (
              <Item key={e.id} lang={lang} entry={e} lookup={lookup} when={t(lang, 'attract.until', { time: timeOf(Date.parse(e.endsAt), timeZone) })} />
            ))}
          </ul>
        )}
      </section>
      <section class="strip" tabIndex={0} aria-labelledby="strip-next" data-testid="strip-next">
        <h2 id="strip-next">{t(lang, 'attract.next')}</h2>
        {nowNext.next.length === 0 ? (
          <p class="strip-empty">{t(lang, 'attract.nothingNext')}</p>
        ) : (
          <ul>
            {nowNext.next.slice(0, 3).map((e) => (
              <Item key={e.id} lang={lang} entry={e} lookup={lookup} when={startText(e)} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
