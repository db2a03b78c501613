import type { BookingRefusal, BookingStatus } from '../../../domain/booking';
import type { Lang } from '../../../domain/text';
import type { BookResult as Result } from '../../state/book/book-model';
import { refusalText, slotWhen } from '../book-format';
import { timeOf } from '../format';
import { tBook } from '../../i18n/book-t';

interface Props {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly result: Result;
  /** the booking as known now: pending until the hub's snapshot lists it, then confirmed or refused */
  readonly status: BookingStatus | null;
  readonly hubRefusal: BookingRefusal | null;
  readonly facilityName: (id: string) => string;
  readonly onAnother: () => void;
  readonly onDone: () => void;
}

function statusLine(lang: Lang, status: BookingStatus | null, hubRefusal: BookingRefusal | null, timeZone: string): string {
  if (status === 'refused') return tBook(lang, 'book.done.refused', { reason: refusalText(lang, hubRefusal ?? 'slot_taken', null, timeZone) });
  return tBook(lang, status === 'pending' || status === null ? 'book.done.pending' : 'book.done.confirmed');
}

/** After the scan: the booking with its code (pending until the hub confirms), or why it was not booked. */
export function BookResult(p: Props) {
  const { lang, result: r } = p;
  const what = `${p.facilityName(r.facilityId)} · ${slotWhen(lang, r.startsAt, r.endsAt, p.timeZone)}`;
  const buttons = (
    <div class="book-actions">
      <button type="button" class="book-another" data-testid="book-another" onClick={p.onAnother}>
        {tBook(lang, r.type === 'booked' ? 'book.done.another' : 'book.scan.cancel')}
      </button>
      <button type="button" class="book-finish" data-testid="book-done" onClick={p.onDone}>{tBook(lang, 'book.done.finish')}</button>
    </div>
  );
  if (r.type === 'refused') {
    return (
      <section class="book-result book-refused" data-testid="book-refusal" data-code={r.code} role="alert">
        <h2>{tBook(lang, 'book.refused.heading')}</h2>
        <p class="book-what">{what}</p>
        <p class="book-reason">{refusalText(lang, r.code, r.allowsAt, p.timeZone)}</p>
        {buttons}
      </section>
    );
  }
  const status = p.status ?? 'pending';
  return (
    <section class={`book-result book-confirmation book-${status}`} data-testid="book-confirmation" data-status={status} role="status">
      <h2>{r.name === null ? tBook(lang, 'book.done.heading') : `${tBook(lang, 'book.done.heading')} · ${r.name}`}</h2>
      <p class="book-what">{what}</p>
      <p class="book-code-line">
        <span>{tBook(lang, 'book.done.code')}</span>
        <strong class="book-code" data-testid="booking-code">{r.code}</strong>
      </p>
      <p class="book-status" data-testid="book-status">{statusLine(lang, status, p.hubRefusal, p.timeZone)}</p>
      {status !== 'refused' && (
        <p class="book-checkin">{tBook(lang, 'book.done.checkIn', { time: timeOf(r.checkInFrom, p.timeZone), minutes: r.releaseMinutes })}</p>
      )}
      {buttons}
    </section>
  );
}
