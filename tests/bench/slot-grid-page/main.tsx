import { signal } from '@preact/signals';
import { render } from 'preact';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';
import type { Snapshot, SnapshotBooking } from '../../../src/domain/protocol';
import { addDays, zonedParts, zonedToEpoch } from '../../../src/domain/time';
import type { BookingRecord } from '../../../src/kiosk/data/booking-journal';
import { createBookModel } from '../../../src/kiosk/state/book/book-model';
import { createBookingKnowledge } from '../../../src/kiosk/state/book/booking-knowledge';
import { createScanPipeline } from '../../../src/kiosk/state/checkin/scan-pipeline';
import { createLookup } from '../../../src/kiosk/ui/lookup';
import { BookScreen } from '../../../src/kiosk/ui/screens/BookScreen';
import '../../../src/kiosk/ui/kiosk.css';

// A week of slot grids in a real Chromium: the kiosk's Book model (the grid derived from the snapshot's
// bookings) and its Book screen with the kiosk's styles, at 1920×1080. For each day tab: T0 before the
// tap's model change, T1 after Preact has rendered the day and the browser has laid it out (a forced
// layout: what the next frame would otherwise do). The center: `courts` facilities of one kind, every
// other slot of the week booked by somebody, a few by the member on screen.

const TZ = 'Asia/Shanghai';
const text = (s: string) => ({ 'zh-CN': s, en: s });

function snapshotOf(courts: number, slotMinutes: number, today: string): Snapshot {
  const facilities = Array.from({ length: courts }, (_, i) => ({ id: `court-${i + 1}`, kind: 'court', name: text(`Court ${i + 1}`) }));
  const bookings: SnapshotBooking[] = [];
  let n = 0;
  for (let d = 0; d < 7; d++) {
    const day = addDays(today, d);
    for (const f of facilities) {
      for (let t = zonedToEpoch(day, '08:00', TZ); t + slotMinutes * 60_000 <= zonedToEpoch(day, '22:00', TZ); t += 2 * slotMinutes * 60_000) {
        const id = `019a8b2e-7c41-7d2a-9f3e-${(++n).toString(16).padStart(12, '0')}`;
        bookings.push({
          id, facilityId: f.id, startsAt: new Date(t).toISOString(), endsAt: new Date(t + slotMinutes * 60_000).toISOString(),
          memberId: n % 17 === 0 ? '42' : String(n), status: n % 23 === 0 ? 'block' : 'confirmed', code: 'ABCDEF', refusal: null, cancelledBy: null, reason: null,
        });
      }
    }
  }
  const closed = null;
  return {
    version: 'bench', serverTime: new Date().toISOString(),
    center: { id: 'bench', name: text('Bench'), timeZone: TZ, openingHours: { mon: closed, tue: closed, wed: closed, thu: closed, fri: closed, sat: closed, sun: closed } },
    kiosk: { id: 'k', name: 'k', features: ['book'], idleSeconds: 30, camera: 'user' },
    rules: {}, categories: [], equipment: [], feedbackTopics: [], schedule: [],
    facilityKinds: [{ id: 'court', name: text('Court'), bookable: true, rules: { slotMinutes } }],
    facilities, bookings,
  };
}

interface WeekTimes {
  /** ms per day tab, in tab order, for each round after the warm-up */
  readonly rounds: number[][];
  readonly cells: number;
}

async function week(courts: number, slotMinutes: number, rounds: number): Promise<WeekTimes> {
  const now = zonedToEpoch(zonedParts(Date.now(), TZ).date, '07:00', TZ); // before the first slot: every cell of today counts
  const today = zonedParts(now, TZ).date;
  const snapshot = signal<Snapshot | null>(snapshotOf(courts, slotMinutes, today));
  const records = signal<readonly BookingRecord[]>([]);
  const clock = { now: () => now, after: () => () => {}, every: () => () => {} };
  const sink = { record: async () => ({ ok: false, error: 'storage_failed' }) as const };
  const [rules, timeZone] = [signal<Rules>({ ...RULE_DEFAULTS }), signal(TZ)];
  const scans = createScanPipeline({
    sink, snapshot, rules, timeZone, connection: signal('online'), verify: async () => false, hash: async () => '',
    lastVisits: signal(new Map()), visitRecords: { add: () => {} },
  });
  const model = createBookModel({
    sink, records: { add: () => {} }, knowledge: createBookingKnowledge({ snapshot, records }), snapshot, rules, timeZone,
    clock, now: signal(now), flush: () => {}, scans,
  });
  const app = document.getElementById('app')!;
  const lookup = createLookup(snapshot.value, 'zh-CN');
  const draw = () =>
    render(
      <BookScreen lang="zh-CN" timeZone={TZ} hasSnapshot lookup={lookup} connection="online" view={model.view.value}
        onKind={model.chooseKind} onDay={model.chooseDay} onSlot={model.chooseSlot} onBack={model.back} onHome={() => {}} camera={{ holdHint: false, preview: true }} onToggleLang={() => {}} largeText={false} onToggleText={() => {}} />,
      app,
    );
  model.chooseKind('court');
  draw();
  const days = model.view.value.days;
  const out: number[][] = [];
  for (let r = -1; r < rounds; r++) {
    const times: number[] = [];
    for (const day of days) {
      await new Promise(requestAnimationFrame);
      const t0 = performance.now();
      model.chooseDay(day);
      draw();
      void app.offsetHeight; // layout now, inside the measurement
      times.push(performance.now() - t0);
    }
    if (r >= 0) out.push(times);
  }
  const cells = app.querySelectorAll('.slot').length;
  render(null, app);
  return { rounds: out, cells };
}

(window as unknown as { bench: { week: typeof week } }).bench = { week };
document.body.dataset.ready = 'yes';
