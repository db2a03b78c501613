import { computed, effect, untracked } from '@preact/signals';
import { render } from 'preact';
import { composeCheckin } from './checkin-root';
import { createSnapshotCache } from './data/snapshot-cache';
import { openStores } from './data/stores';
import { systemClock as clock } from './platform/clock';
import { watchNetwork } from './platform/network';
import { composeShell } from './shell-root';
import { createClockModel } from './state/clock-model';
import { createLanguageModel, deriveInitialLang } from './state/language-model';
import { createNavigationModel, deriveFeatureButtons, deriveFeatures } from './state/navigation-model';
import { createRatingModel } from './state/rating-model';
import { createScheduleModel } from './state/schedule-model';
import { createSnapshotModel } from './state/snapshot-model';
import { createSuggestionModel } from './state/suggestion-model';
import { createTextSizeModel } from './state/text-size-model';
import { APP_VERSION, composeSync } from './sync-root';
import { App } from './ui/App';
import './ui/kiosk.css';
import './ui/staff.css';
import './ui/checkin.css';

// Composition root: adapters, then models handed their ports, then the render. sync-root builds what
// writes to the hub, checkin-root the check-in, shell-root idle, updates and the browser as a kiosk.
const stores = openStores();
const time = createClockModel(clock);
const [language, textSize] = [createLanguageModel(deriveInitialLang(location.search)), createTextSizeModel()];
const net = watchNetwork((online) => snapshot.setBrowserOnline(online));
const writer = composeSync(stores, clock, time.now, () => snapshot.snapshot.value?.kiosk.staffPinHash ?? null, () => checkin.camera());
const { enrollment, sync, staff } = writer;
const snapshot = createSnapshotModel({ api: writer.api, cache: createSnapshotCache(stores), clock, now: time.now, browserOnline: net.online });
const schedule = createScheduleModel(snapshot.snapshot, time.now, Intl.DateTimeFormat().resolvedOptions().timeZone);
const feedback = { sink: sync, clock, snapshot: snapshot.snapshot, rules: snapshot.rules };
const [rating, suggestion] = [createRatingModel(feedback), createSuggestionModel(feedback)];
const configured = computed(() => (enrollment.state.value === 'none' ? null : (snapshot.snapshot.value?.kiosk.features ?? null)));
const [kioskFeatures, features] = [computed(() => deriveFeatures(configured.value)), computed(() => deriveFeatureButtons(configured.value))];
const navigation = createNavigationModel(kioskFeatures);
const checkin = composeCheckin({ stores, clock, now: time.now, snapshot, sink: sync, timeZone: schedule.timeZone, features: kioskFeatures, navigation, staff });
const { idle, update } = composeShell({
  clock, now: time.now, snapshot, timeZone: schedule.timeZone,
  onAttract: computed(() => navigation.screen.value === 'attract' && staff.mode.value === 'closed'),
  onExpire: () => {
    staff.close();
    checkin.member.forget();
    checkin.keypad.clear();
    navigation.home();
    language.reset();
    textSize.reset();
  },
});
const models = {
  clock: time, language, textSize, snapshot, schedule, navigation, idle, features, kioskFeatures, enrollment, sync, staff, rating, suggestion,
  ...checkin, update, version: APP_VERSION, reload: () => location.reload(),
};
render(<App models={models} />, document.getElementById('app')!);
void writer.start(() => void snapshot.refresh()).then(() => snapshot.start());
// the hub's verdicts on what was just sent (a booking confirmed or refused) show at once, not at the next pull
effect(() => void (sync.lastSuccessAt.value !== null && untracked(() => void snapshot.refresh())));
checkin.start();
