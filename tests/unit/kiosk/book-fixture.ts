import { signal } from '@preact/signals';
import { bookingCode } from '../../../src/domain/booking';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';
import type { Snapshot, SnapshotBooking } from '../../../src/domain/protocol';
import type { BookingRecord } from '../../../src/kiosk/data/booking-journal';
import type { JournalRecord } from '../../../src/kiosk/data/journal';
import { verifyEd25519 } from '../../../src/kiosk/platform/ed25519';
import { hashText } from '../../../src/kiosk/platform/hash';
import { createBookModel } from '../../../src/kiosk/state/book/book-model';
import { createBookingKnowledge } from '../../../src/kiosk/state/book/booking-knowledge';
import { createScanPipeline } from '../../../src/kiosk/state/checkin/scan-pipeline';
import type { Connection } from '../../../src/kiosk/state/sync/snapshot-model';
import { ok } from '../../../src/domain/result';
import type { EventSink } from '../../../src/kiosk/state/ports';
import { fakeClock } from './fake-clock';
import { fakeSink } from './feedback-fakes';
import { kioskSnapshot, T0 } from './member-fixture';

// A Book screen at 14:00 Shanghai on 12 May 2026 (member-fixture's kiosk: badge keys, card 0012345678 →
// member 7): badminton (two courts, the center's 60-min slots) and rooms (one room, 120-min slots).

export const TZ = 'Asia/Shanghai';
/** HH:MM on a May 2026 day in Shanghai (UTC+8) as an instant */
export const at = (day: string, time: string) => Date.parse(`${day}T${time}:00+08:00`);
export const TOMORROW = '2026-05-13';

export const facilities: Snapshot['facilities'] = [
  { id: 'badminton-1', kind: 'badminton', name: { 'zh-CN': '羽毛球 1 号场', en: 'Badminton court 1' } },
  { id: 'badminton-2', kind: 'badminton', name: { 'zh-CN': '羽毛球 2 号场', en: 'Badminton court 2' } },
  { id: 'activity-room', kind: 'room', name: { 'zh-CN': '多功能活动室', en: 'Activity room' } },
];
export const facilityKinds: Snapshot['facilityKinds'] = [
  { id: 'badminton', name: { 'zh-CN': '羽毛球场', en: 'Badminton court' }, bookable: true },
  { id: 'room', name: { 'zh-CN': '活动室', en: 'Room' }, bookable: true, rules: { slotMinutes: 120 } },
  { id: 'gym-hall', name: { 'zh-CN': '健身房', en: 'Gym hall' }, bookable: false },
];

let n = 0;
/** a booking as the hub's snapshot lists it */
export function hubBooking(over: Partial<SnapshotBooking> & Pick<SnapshotBooking, 'facilityId' | 'startsAt' | 'endsAt'>): SnapshotBooking {
  const id = `019a8b2e-7c41-7d2a-9f3e-5b6c7d8e${String(++n).padStart(4, '0')}`;
  return { id, memberId: '99', status: 'confirmed', code: bookingCode(id), refusal: null, cancelledBy: null, reason: null, ...over };
}

export const iso = (ms: number) => new Date(ms).toISOString();

export async function bookSnapshot(over: Partial<Snapshot> = {}): Promise<Snapshot> {
  return kioskSnapshot({ facilityKinds, facilities, bookings: [], ...over });
}

export async function bookKiosk(opts: { snapshot?: Snapshot; connection?: Connection } = {}) {
  const time = fakeClock(T0);
  const now = signal(T0);
  const snap = signal<Snapshot | null>(opts.snapshot ?? (await bookSnapshot()));
  const records = signal<readonly BookingRecord[]>([]);
  const knowledge = createBookingKnowledge({ snapshot: snap, records });
  const sink = fakeSink();
  // the outbox hands out UUIDv7 event ids; a booking's code is derived from the id's hex tail
  let ids = 0;
  const record: EventSink['record'] = async (kind, payload) => {
    const r = await sink.sink.record(kind, payload);
    return r.ok ? ok({ id: `019a8b2e-7c41-7d2a-9f3e-${(0xb00000000000 + ++ids).toString(16)}` }) : r;
  };
  const connection = signal<Connection>(opts.connection ?? 'online');
  let flushes = 0;
  const lastVisits = signal<ReadonlyMap<string, number>>(new Map());
  const visits: JournalRecord[] = [];
  const rules = signal<Rules>({ ...RULE_DEFAULTS });
  const timeZone = signal(TZ);
  const scans = createScanPipeline({
    sink: { record }, snapshot: snap, rules, timeZone, connection, verify: verifyEd25519, hash: hashText, lastVisits,
    visitRecords: {
      add: (list) => {
        visits.push(...list);
        lastVisits.value = new Map([...lastVisits.value, ...list.map((r) => [r.subject, r.at] as const)]);
      },
    },
  });
  const model = createBookModel({
    sink: { record }, records: { add: (list) => (records.value = [...records.value, ...list]) }, knowledge, snapshot: snap,
    rules, timeZone, clock: time.clock, now, flush: () => void flushes++, scans,
  });
  const advance = async (ms: number) => {
    await time.advance(ms);
    now.value = time.clock.now();
  };
  return { model, sink, snap, records, knowledge, connection, now, advance, visits, flushes: () => flushes, kinds: () => sink.calls.map((c) => c.kind) };
}
