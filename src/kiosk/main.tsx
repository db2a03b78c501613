import { computed, effect, signal } from '@preact/signals';
import { render } from 'preact';
import { createSnapshotCache } from './data/snapshot-cache';
import { openStores } from './data/stores';
import { systemClock as clock } from './platform/clock';
import { blockBrowserGestures, enterFullscreenOnFirstTouch, keepScreenAwake, onUserActivity } from './platform/kiosk-shell';
import { watchNetwork } from './platform/network';
import { startServiceWorkerBridge, type UpdateState } from './platform/sw-bridge';
import { createClockModel } from './state/clock-model';
import { createIdleModel } from './state/idle-model';
import { createLanguageModel, deriveInitialLang } from './state/language-model';
import { createNavigationModel, deriveFeatureButtons } from './state/navigation-model';
import { createRatingModel } from './state/rating-model';
import { createScheduleModel } from './state/schedule-model';
import { createSnapshotModel } from './state/snapshot-model';
import { createSuggestionModel } from './state/suggestion-model';
import { APP_VERSION, composeSync } from './sync-root';
import { App } from './ui/App';
import './ui/kiosk.css';
import './ui/staff.css';

// Composition root: adapters, then models handed their ports, then the render.
const stores = openStores();
const time = createClockModel(clock);
const language = createLanguageModel(deriveInitialLang(location.search));
const net = watchNetwork((online) => snapshot.setBrowserOnline(online));
const writer = composeSync(stores, clock, time.now, () => snapshot.snapshot.value?.kiosk.staffPinHash ?? null);
const { enrollment, sync, staff } = writer;
const snapshot = createSnapshotModel({ api: writer.api, cache: createSnapshotCache(stores.state), clock, now: time.now, browserOnline: net.online });
const schedule = createScheduleModel(snapshot.snapshot, time.now, Intl.DateTimeFormat().resolvedOptions().timeZone);
const feedback = { sink: sync, clock, snapshot: snapshot.snapshot, rules: snapshot.rules };
const [rating, suggestion] = [createRatingModel(feedback), createSuggestionModel(feedback)];
const features = computed(() => (enrollment.state.value === 'none' ? [] : deriveFeatureButtons(snapshot.snapshot.value?.kiosk.features ?? null)));
const navigation = createNavigationModel(features);
const idle = createIdleModel({
  now: time.now, clockNow: clock.now, onAttract: computed(() => navigation.screen.value === 'attract' && staff.mode.value === 'closed'),
  idleSeconds: computed(() => snapshot.snapshot.value?.kiosk.idleSeconds ?? snapshot.rules.value.idleSeconds),
  countdownSeconds: computed(() => snapshot.rules.value.idleCountdownSeconds),
  onExpire: () => {
    staff.close();
    navigation.home();
    language.reset();
  },
});
const update = signal<UpdateState>('none');
const bridge = startServiceWorkerBridge({ clock, reload: () => location.reload(), onState: (s) => (update.value = s), register: import.meta.env.PROD && 'serviceWorker' in navigator });
effect(() => bridge.setPolicy({ ...snapshot.rules.value, timeZone: schedule.timeZone.value }));
effect(() => bridge.reportIdle(idle.quiet.value));
onUserActivity(idle.touch);
enterFullscreenOnFirstTouch();
keepScreenAwake();
blockBrowserGestures();
const models = { clock: time, language, snapshot, schedule, navigation, idle, features, enrollment, sync, staff, rating, suggestion, update, version: APP_VERSION, reload: () => location.reload() };
render(<App models={models} />, document.getElementById('app')!);
void writer.start(() => void snapshot.refresh()).then(() => snapshot.start());
