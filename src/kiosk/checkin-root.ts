import { computed, effect, untracked, type ReadonlySignal } from '@preact/signals';
import type { VerifyEd25519 } from '../domain/badge';
import type { HashText } from '../domain/card';
import { createBookingJournal } from './data/booking-journal';
import { createJournal } from './data/journal';
import type { KioskStores } from './data/stores';
import { createCameraPref } from './platform/camera-pref';
import type { Clock } from './platform/clock';
import type { ScannerPort } from './platform/scanner';
import type { Sound } from './platform/sound';
import type { WedgeInputPorts } from './platform/wedge-input';
import { createBookModel, deriveBookTone } from './state/book/book-model';
import { createBookingKnowledge, createBookingRecords } from './state/book/booking-knowledge';
import { createLocalKnowledge, createLocalRecords } from './state/checkin/checkin-knowledge';
import { createGymModel } from './state/checkin/gym-model';
import { createKeypadModel } from './state/checkin/keypad-model';
import { createMemberModel } from './state/checkin/member-model';
import type { Feature, NavigationModel } from './state/shell/navigation-model';
import type { EventSink } from './state/ports';
import { createScanPipeline } from './state/checkin/scan-pipeline';
import { createPollModel } from './state/feedback/poll-model';
import { createSuggestionModel } from './state/feedback/suggestion-model';
import { cameraHeartbeat, createScannerModel } from './state/checkin/scanner-model';
import type { SnapshotModel } from './state/sync/snapshot-model';
import type { StaffModel } from './state/shell/staff-model';
import type { SyncModel } from './state/sync/sync-model';

// Check-in and every screen that takes a scan: the journals, the member, Book, suggestion, poll, gym and
// keypad models, and the three ways in: the camera (attract screen, and the Book, suggestion and poll
// screens' scan steps), the card reader (every screen), the keypad. A scan goes through one pipeline
// (state/checkin/scan-pipeline.ts) to the Book screen, the suggestion box or the poll while it waits for
// one, else to the member screen.

export interface CheckinDeps {
  readonly stores: KioskStores;
  readonly clock: Clock;
  readonly now: ReadonlySignal<number>;
  readonly snapshot: SnapshotModel;
  /** flush: a booking is sent at once, so an online kiosk shows it confirmed within seconds */
  readonly sink: EventSink & Pick<SyncModel, 'flush'>;
  readonly timeZone: ReadonlySignal<string>;
  readonly features: ReadonlySignal<readonly Feature[]>;
  readonly navigation: NavigationModel;
  readonly staff: Pick<StaffModel, 'mode'>;
  readonly scanner: ScannerPort;
  readonly sound: Sound;
  /** the card reader's keystrokes (platform/wedge-input.ts on the window) */
  readonly listenWedge: (p: Omit<WedgeInputPorts, 'window'>) => () => void;
  readonly verify: VerifyEd25519;
  readonly hash: HashText;
}

export function composeCheckin(d: CheckinDeps) {
  const { snapshot: snap, navigation } = d;
  const records = createLocalRecords({ journal: createJournal(d.stores.journal), now: d.clock.now, timeZone: d.timeZone });
  const knowledge = createLocalKnowledge({ snapshot: snap.snapshot, records: records.records, rules: snap.rules, timeZone: d.timeZone, now: d.now });
  // bookings and class places (issue 5): the snapshot's verdicts joined with this kiosk's own requests
  const bookingRecords = createBookingRecords({ journal: createBookingJournal(d.stores.bookings), now: d.clock.now });
  const bookingKnowledge = createBookingKnowledge({ snapshot: snap.snapshot, records: bookingRecords.records });
  // one pipeline per screen that takes scans, each with its own debounce
  const scans = () => createScanPipeline({
    sink: d.sink, snapshot: snap.snapshot, rules: snap.rules, timeZone: d.timeZone, connection: snap.connection, verify: d.verify, hash: d.hash,
    lastVisits: computed(() => knowledge.knowledge.value.lastVisits), visitRecords: records,
  });
  const member = createMemberModel({
    sink: d.sink, records, knowledge, clock: d.clock, now: d.now, snapshot: snap.snapshot, rules: snap.rules, timeZone: d.timeZone,
    connection: snap.connection, features: d.features, scans: scans(), bookings: bookingKnowledge, bookingRecords,
  });
  const book = createBookModel({
    sink: d.sink, records: bookingRecords, knowledge: bookingKnowledge, snapshot: snap.snapshot, rules: snap.rules, timeZone: d.timeZone,
    clock: d.clock, now: d.now, scans: scans(), flush: () => void d.sink.flush('manual'),
  });
  // the suggestion box signs with a scan (issue 16), so the answer can reach the member
  const suggestion = createSuggestionModel({ sink: d.sink, clock: d.clock, snapshot: snap.snapshot, rules: snap.rules, scans: scans() });
  // polls (issue 16): a vote is confirmed with a scan, judged against this kiosk's own votes too
  const poll = createPollModel({
    sink: d.sink, clock: d.clock, now: d.now, snapshot: snap.snapshot, rules: snap.rules, connection: snap.connection,
    knowledge: knowledge.knowledge, records, scans: scans(),
  });
  const bookWaiting = computed(() => navigation.screen.value === 'book' && book.waiting.value);
  const suggestWaiting = computed(() => navigation.screen.value === 'suggest' && suggestion.waiting.value);
  const pollWaiting = computed(() => navigation.screen.value === 'poll' && poll.waiting.value);
  // On the suggestion and poll screens every scan is theirs, taken only on their sign step: a badge
  // still in front of the camera after signing, or a card swiped while writing or choosing, must not
  // open the member screen and throw the text or the choice away.
  const route = (text: string, source: 'camera' | 'wedge') => {
    const screen = navigation.screen.peek();
    void (bookWaiting.peek() ? book.scan(text, source)
      : screen === 'suggest' ? suggestion.scan(text, source)
      : screen === 'poll' ? poll.scan(text, source)
      : member.scan(text, source));
  };
  const gym = createGymModel({ snapshot: snap.snapshot, knowledge, now: d.now, features: d.features });
  const checkinOn = () => d.features.value.includes('checkin'); // empty until enrolled with a snapshot
  const scanner = createScannerModel({
    scanner: d.scanner, pref: createCameraPref(d.stores.state), clock: d.clock,
    active: computed(() => d.staff.mode.value === 'closed' && ((navigation.screen.value === 'attract' && checkinOn()) || bookWaiting.value || suggestWaiting.value || pollWaiting.value)),
    onCode: (text) => route(text, 'camera'),
  });
  // the identified member's screen opens at once, and closes when they are forgotten (Done, idle)
  effect(() => {
    const identified = member.session.value !== null;
    untracked(() => (identified ? navigation.open('member') : navigation.screen.value === 'member' && navigation.home()));
  });
  effect(() => {
    const shown = member.outcome.value;
    if (shown) untracked(() => d.sound.play(shown.tone));
  });
  effect(() => {
    if (book.resultSeq.value === 0) return;
    const r = untracked(() => book.view.value.result);
    if (r) untracked(() => d.sound.play(deriveBookTone(r)));
  });
  // leaving the Book screen (Back, Done, idle) forgets the slot, the result and who scanned
  effect(() => void (navigation.screen.value !== 'book' && untracked(() => book.reset())));
  return {
    member, gym, scanner, keypad: createKeypadModel(), bookingKnowledge, book, suggestion, poll,
    camera: () => cameraHeartbeat(scanner.state.value, scanner.selected.value),
    start() {
      void records.start();
      void bookingRecords.start();
      scanner.start();
      // the card reader works on every screen; not behind staff mode, where nobody is checking in
      d.listenWedge({ onScan: (text) => route(text, 'wedge'), active: () => d.staff.mode.value === 'closed' && (checkinOn() || bookWaiting.peek() || suggestWaiting.peek() || pollWaiting.peek()) });
    },
  };
}
