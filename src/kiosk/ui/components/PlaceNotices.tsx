import { pick, type Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { PlaceFreedNotice } from '../../state/book/member-bookings';
import { timeOf } from '../format';

/** The attract screen's news of freed class places given to the first waiting (masked names only). */
export function PlaceNotices({ lang, notices, timeZone }: { lang: Lang; notices: readonly PlaceFreedNotice[]; timeZone: string }) {
  if (notices.length === 0) return null;
  return (
    <section class="place-notices" aria-labelledby="place-notices" aria-live="polite" tabIndex={0}>
      <h2 id="place-notices">{t(lang, 'notice.heading')}</h2>
      <ul>
        {notices.map((n) => (
          <li key={`${n.entryId} ${n.at}`} data-testid="notice-place-freed" data-entry={n.entryId}>
            {t(lang, 'notice.placeFreed', { name: n.maskedName, class: pick(n.title, lang), time: timeOf(Date.parse(n.startsAt), timeZone) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
