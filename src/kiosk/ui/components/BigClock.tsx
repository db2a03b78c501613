import type { Lang } from '../../../domain/text';
import { zonedParts } from '../../../domain/time';
import { dateLong } from '../format';

export function BigClock({ lang, now, timeZone }: { lang: Lang; now: number; timeZone: string }) {
  const parts = zonedParts(now, timeZone);
  return (
    <div class="big-clock" data-testid="clock">
      <time class="big-clock-time" dateTime={parts.time}>{parts.time}</time>
      <div class="big-clock-date">{dateLong(lang, parts.date)}</div>
    </div>
  );
}
