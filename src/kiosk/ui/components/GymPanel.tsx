import { pick, type Lang } from '../../../domain/text';
import { t } from '../../i18n/t';
import type { OccupancyRow } from '../../state/checkin/gym-model';
import { timeOf } from '../format';

/** The attract screen's equipment: free units and queue per group, and whose turn it is. */
export function GymPanel({ lang, rows, timeZone }: { lang: Lang; rows: readonly OccupancyRow[]; timeZone: string }) {
  return (
    <section class="gym-panel" data-testid="gym-occupancy" aria-labelledby="gym-heading" tabIndex={0}>
      <h2 id="gym-heading">{t(lang, 'gym.heading')}</h2>
      <ul class="gym-rows">
        {rows.map((r) => (
          <li key={r.group} class="gym-row" data-testid={`gym-group-${r.group}`} data-free={r.free} data-queue={r.queueLength}>
            <span class="gym-name">{pick(r.name, lang)}</span>
            <span class={`gym-free${r.free === 0 ? ' gym-full' : ''}`}>{t(lang, 'gym.free', { free: r.free, total: r.inService })}</span>
            {/* no queue says nothing the free count does not: the room goes to the equipment's name */}
            <span class="gym-queue">{r.queueLength > 0 ? t(lang, 'gym.queue', { count: r.queueLength }) : ''}</span>
            {r.call && (
              <p class="gym-call" data-testid={`queue-call-${r.group}`} role="status">
                {t(lang, 'gym.call', { name: r.call.name ?? t(lang, 'gym.nextInLine'), group: pick(r.name, lang), unit: r.call.unit, time: timeOf(r.call.claimBy, timeZone) })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
