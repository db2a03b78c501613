import { mapKey } from '../../../src/domain/card';
import { computed, signal } from '@preact/signals';
import { badgeSigningInput, encodeBadgePayload, formatBadge, type BadgePayload } from '../../../src/domain/badge';
import { toBase64url } from '../../../src/domain/bytes';
import { RULE_DEFAULTS, type Rules } from '../../../src/domain/config/defaults';
import type { Snapshot } from '../../../src/domain/protocol';
import { generateEd25519, signEd25519, type Ed25519KeyPair } from '../../../src/hub/badges/ed25519';
import type { JournalRecord } from '../../../src/kiosk/data/journal';
import type { RecordStore } from '../../../src/kiosk/data/record-store';
import { verifyEd25519 } from '../../../src/kiosk/platform/ed25519';
import { hashText } from '../../../src/kiosk/platform/hash';
import type { BookingRecord } from '../../../src/kiosk/data/booking-journal';
import { createBookingKnowledge, createBookingRecords } from '../../../src/kiosk/state/book/booking-knowledge';
import { createLocalKnowledge, createLocalRecords } from '../../../src/kiosk/state/checkin/checkin-knowledge';
import { createMemberModel } from '../../../src/kiosk/state/checkin/member-model';
import { createScanPipeline } from '../../../src/kiosk/state/checkin/scan-pipeline';
import type { Connection } from '../../../src/kiosk/state/sync/snapshot-model';
import { fakeSink } from './feedback-fakes';
import { fakeClock } from './fake-clock';
import { NOON_ISH, entry, snapshot } from '../../fixtures/snapshot';

// A kiosk at 14:00 Shanghai on 12 May 2026 with one class open for check-in (14:10), a gym of two rowers,
// a signing key, and a card map with one card. Badges are signed for real (WebCrypto Ed25519).

export const CARD = '0012345678';
export const T0 = NOON_ISH;

let key: Ed25519KeyPair | null = null;
export async function signingKey(): Promise<Ed25519KeyPair> {
  key ??= await generateEd25519();
  return key;
}

export async function badge(over: Partial<BadgePayload> = {}): Promise<string> {
  const k = await signingKey();
  const p: BadgePayload = { kid: 1, memberId: '42', name: '张*明', issuedAt: T0 / 1000 - 86_400, expiresAt: T0 / 1000 + 86_400 * 300, ...over };
  const bytes = encodeBadgePayload(p);
  if (!bytes.ok) throw new Error(bytes.error);
  return formatBadge(bytes.value, await signEd25519(k.privateKeyPkcs8, badgeSigningInput(bytes.value)));
}

export const spin = entry({ id: 'spin-1410', startsAt: '2026-05-12T06:10:00.000Z', endsAt: '2026-05-12T07:00:00.000Z', capacity: 2 });

export async function kioskSnapshot(over: Partial<Snapshot> = {}): Promise<Snapshot> {
  const k = await signingKey();
  const base = snapshot();
  return {
    ...base,
    kiosk: { ...base.kiosk, features: ['checkin', 'gym', 'schedule'] },
    schedule: [...base.schedule, spin],
    equipment: [{ id: 'rower', name: { 'zh-CN': '划船机', en: 'Rowers' }, units: 2, outOfService: [] }],
    badgeKeys: [{ kid: 1, publicKey: toBase64url(k.publicKeyRaw) }],
    revokedMembers: ['13'],
    cardMap: { [mapKey(await hashText(CARD))]: { memberId: '7', maskedName: '李*' } },
    ...over,
  };
}

/** A record store in memory (the journals' IndexedDB stores), with its rows to look at. */
export function memoryStore<T extends { readonly id: string }>(initial: readonly T[] = []): RecordStore<T> & { rows: Map<string, T> } {
  const rows = new Map(initial.map((r) => [r.id, r]));
  return {
    rows,
    load: async () => [...rows.values()],
    add: async (records) => void records.forEach((r) => rows.set(r.id, r)),
    remove: async (ids) => void ids.forEach((id) => rows.delete(id)),
  };
}
export const memoryJournal = (initial: JournalRecord[] = []) => memoryStore<JournalRecord>(initial);
export const memoryBookingJournal = (initial: BookingRecord[] = []) => memoryStore<BookingRecord>(initial);

export async function kiosk(opts: { snapshot?: Snapshot; journal?: ReturnType<typeof memoryJournal>; bookingJournal?: ReturnType<typeof memoryBookingJournal>; features?: string[] } = {}) {
  const time = fakeClock(T0);
  const now = signal(T0);
  const snap = signal<Snapshot | null>(opts.snapshot ?? (await kioskSnapshot()));
  const rules = signal<Rules>({ ...RULE_DEFAULTS });
  const timeZone = signal('Asia/Shanghai');
  const connection = signal<Connection>('online');
  const features = signal<readonly string[]>(opts.features ?? ['checkin', 'gym']);
  const journal = opts.journal ?? memoryJournal();
  const records = createLocalRecords({ journal, now: time.clock.now, timeZone });
  await records.start();
  const knowledge = createLocalKnowledge({ snapshot: snap, records: records.records, rules, timeZone, now });
  const bookingJournal = opts.bookingJournal ?? memoryBookingJournal();
  const bookingRecords = createBookingRecords({ journal: bookingJournal, now: time.clock.now });
  await bookingRecords.start();
  const bookings = createBookingKnowledge({ snapshot: snap, records: bookingRecords.records });
  const sink = fakeSink();
  const model = createMemberModel({
    sink: sink.sink, records, knowledge, bookings, bookingRecords, clock: time.clock, now, snapshot: snap, rules, timeZone, connection, features,
    scans: createScanPipeline({
      sink: sink.sink, snapshot: snap, rules, timeZone, connection, verify: verifyEd25519, hash: hashText,
      lastVisits: computed(() => knowledge.knowledge.value.lastVisits), visitRecords: records,
    }),
  });
  /** moves the kiosk clock and the ticking `now` together */
  const advance = async (ms: number) => {
    await time.advance(ms);
    now.value = time.clock.now();
  };
  return { model, sink, journal, records, knowledge, bookingJournal, bookingRecords, bookings, snap, connection, features, time, now, advance, kinds: () => sink.calls.map((c) => c.kind) };
}
