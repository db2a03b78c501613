import { pick, type Lang } from '../../../domain/text';
import type { SlotGrid as Grid } from '../../state/book/book-grid';
import { tBook } from '../../i18n/book-t';

interface Props {
  readonly lang: Lang;
  readonly grid: Grid;
  readonly onSlot: (facilityId: string, startsAt: number) => void;
}

/**
 * One day of one facility kind: a row per facility, a button per slot with its time and state. Only a
 * free slot can be tapped; the others say why not (taken, yours, pending, closed, over).
 */
export function SlotGrid({ lang, grid, onSlot }: Props) {
  return (
    <div class="slot-grid" data-testid="slot-grid" data-day={grid.day}>
      {grid.rows.map((row) => {
        const facility = pick(row.name, lang);
        return (
          <section key={row.facilityId} class="slot-row" aria-label={facility}>
            <h3 class="slot-facility">{facility}</h3>
            <div class="slot-cells">
              {row.cells.map((c) => {
                const state = tBook(lang, `book.slot.${c.state}`);
                return (
                  <button
                    key={c.startsAt}
                    type="button"
                    class={`slot slot-${c.state}`}
                    data-testid={`slot-${row.facilityId}-${c.time}`}
                    data-state={c.state}
                    disabled={c.state !== 'free'}
                    aria-label={tBook(lang, 'book.slot.label', { facility, time: c.time, state })}
                    onClick={() => onSlot(row.facilityId, c.startsAt)}
                  >
                    <span class="slot-time">{c.time}</span>
                    <span class="slot-state" aria-hidden="true">{state}</span>
                  </button>
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
