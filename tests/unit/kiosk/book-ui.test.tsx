import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../src/domain/text';
import type { BookView } from '../../../src/kiosk/state/book/book-model';
import { refusalText } from '../../../src/kiosk/ui/book-format';
import { createLookup } from '../../../src/kiosk/ui/lookup';
import { BookScreen } from '../../../src/kiosk/ui/screens/BookScreen';
import { LazyBookScreen, preloadBookScreen } from '../../../src/kiosk/ui/screens/LazyScreens';
import { TOMORROW, TZ, at, bookKiosk, bookSnapshot, hubBooking, iso } from './book-fixture';
import { badge } from './member-fixture';

const noop = () => {};
const TEN = at(TOMORROW, '10:00');

async function render(view: BookView, lang: Lang = 'en', camera = { holdHint: false, preview: true }) {
  const lookup = createLookup(await bookSnapshot(), lang);
  return renderToString(
    <BookScreen lang={lang} timeZone={TZ} hasSnapshot lookup={lookup} connection="online" view={view} camera={camera}
      onKind={noop} onDay={noop} onSlot={noop} onBack={noop} onHome={noop} onToggleLang={noop} largeText={false} onToggleText={noop} />,
  );
}

describe('Book screen (rendered to HTML)', () => {
  it('offers each bookable kind as a button', async () => {
    const k = await bookKiosk();
    const html = await render(k.model.view.value);
    expect(html).toContain('data-testid="book-kind-badminton"');
    expect(html).toContain('data-testid="book-kind-room"');
    expect(html).not.toContain('book-kind-gym-hall');
  });

  it('shows the seven day tabs and a slot grid whose cells carry their state, only free ones tappable', async () => {
    const taken = hubBooking({ facilityId: 'badminton-1', startsAt: iso(TEN), endsAt: iso(TEN + 3_600_000) });
    const k = await bookKiosk({ snapshot: await bookSnapshot({ bookings: [taken] }) });
    k.model.chooseKind('badminton');
    k.model.chooseDay(TOMORROW);
    const html = await render(k.model.view.value);
    expect(html.match(/data-testid="book-day-/g)).toHaveLength(7);
    expect(html).toMatch(new RegExp(`aria-selected="true"[^>]*data-testid="book-day-${TOMORROW}"`));
    expect(html).toContain('data-testid="slot-grid"');
    expect(html).toMatch(/data-testid="slot-badminton-1-10:00" data-state="taken" disabled/);
    expect(html).toMatch(/data-testid="slot-badminton-2-10:00" data-state="free" aria-label="Badminton court 2, 10:00: Free"/);
  });

  it('asks for a badge or card on the scan step and says a member number will not do, in Chinese by default', async () => {
    const k = await bookKiosk();
    k.model.chooseKind('badminton');
    k.model.chooseDay(TOMORROW);
    k.model.chooseSlot('badminton-1', TEN);
    const html = await render(k.model.view.value, 'zh-CN');
    expect(html).toContain('data-testid="book-scan"');
    expect(html).toContain('羽毛球 1 号场 · 5月13日 10:00–11:00');
    expect(html).toContain('预约不能只用会员号');
  });

  it('tells a worker whose code the camera cannot read how to hold it, and hides the picture when the kiosk config says so', async () => {
    const k = await bookKiosk();
    k.model.chooseKind('badminton');
    k.model.chooseDay(TOMORROW);
    k.model.chooseSlot('badminton-1', TEN);
    const plain = await render(k.model.view.value);
    expect(plain).toMatch(/class="scan-hint" data-testid="book-scan-hint"[^>]*>Show your member QR code to the camera, or swipe your card</);
    expect(plain).toContain('data-testid="camera-slot"');
    const hold = await render(k.model.view.value, 'en', { holdHint: true, preview: true });
    expect(hold).toMatch(/class="scan-hint scan-hint-hold" data-testid="book-scan-hint"[^>]*>Hold the card still, 20–30 cm from the camera</);
    const hidden = await render(k.model.view.value, 'en', { holdHint: false, preview: false });
    expect(hidden).toContain('data-testid="camera-on"');
    expect(hidden).not.toContain('camera-slot');
  });

  it('shows the confirmation with the code, pending until the hub confirms, and when check-in opens', async () => {
    const k = await bookKiosk();
    k.model.chooseKind('badminton');
    k.model.chooseSlot('badminton-1', at('2026-05-12', '18:00'));
    await k.model.scan(await badge(), 'camera');
    const r = k.model.view.value.result!;
    if (r.type !== 'booked') throw new Error('not booked');
    const html = await render(k.model.view.value);
    expect(html).toMatch(/data-testid="book-confirmation" data-status="pending"/);
    expect(html).toContain(`data-testid="booking-code">${r.code}<`);
    expect(html).toContain('Pending until the service center confirms it');
    expect(html).toContain('Scan here from 17:45 to check in');
    expect(html).toContain('data-testid="book-done"');
  });

  it('shows a refusal with its code and words, and when the rule allows it', async () => {
    const k = await bookKiosk({ snapshot: await bookSnapshot({ bookingSuspensions: { '42': iso(at('2026-05-20', '09:00')) } }) });
    k.model.chooseKind('badminton');
    k.model.chooseSlot('badminton-1', at('2026-05-12', '18:00'));
    await k.model.scan(await badge(), 'camera');
    const html = await render(k.model.view.value);
    expect(html).toMatch(/data-testid="book-refusal" data-code="suspended"/);
    expect(html).toContain('Booking is paused for you after missed bookings, until 20 May 09:00');
  });
});

describe('Book screen chunk', () => {
  it('renders the screen at once once its chunk is loaded (App loads it when the kiosk has Book)', async () => {
    const k = await bookKiosk();
    const lookup = createLookup(await bookSnapshot(), 'en');
    const props = { lang: 'en' as const, timeZone: TZ, hasSnapshot: true, lookup, connection: 'online' as const, view: k.model.view.value, onKind: noop, onDay: noop, onSlot: noop, onBack: noop, onHome: noop, onToggleLang: noop, largeText: false, onToggleText: noop, camera: { holdHint: false, preview: true } };
    expect(await preloadBookScreen()).toBe(BookScreen);
    expect(renderToString(<LazyBookScreen {...props} />)).toContain('data-testid="book-kind-badminton"');
  });
});

describe('refusal words', () => {
  it('has words for every refusal in both languages, and a badge problem reads as at check-in', () => {
    const codes = ['not_a_slot', 'past', 'beyond_horizon', 'slot_taken', 'quota_day', 'quota_future', 'suspended', 'unverified_card', 'not_saved', 'expired_badge'] as const;
    for (const lang of ['en', 'zh-CN'] as const) {
      for (const code of codes) expect(refusalText(lang, code, at('2026-05-14', '00:00'), TZ), `${lang} ${code}`).not.toMatch(/(book|outcome)\.[a-z_]|\{when\}/);
    }
    expect(refusalText('en', 'beyond_horizon', at('2026-05-14', '00:00'), TZ)).toBe('This day cannot be booked yet: booking opens 14 May 00:00.');
    expect(refusalText('en', 'expired_badge', null, TZ)).toBe('This badge has expired. Please ask the staff for a new one.');
  });
});
