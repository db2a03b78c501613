import { computed, effect } from '@preact/signals';
import { render } from 'preact';
import { createHubApi } from './data/api';
import { createKioskIdStore } from './data/kiosk-id';
import { createSnapshotCache } from './data/snapshot-cache';
import { openStores } from './data/stores';
import { systemClock as clock } from './platform/clock';
import { blockBrowserGestures, enterFullscreenOnFirstTouch, keepScreenAwake, onUserActivity } from './platform/kiosk-shell';
import { watchNetwork } from './platform/network';
import { startServiceWorkerBridge } from './platform/sw-bridge';
import { createClockModel } from './state/clock-model';
import { createIdleModel } from './state/idle-model';
import { createLanguageModel, deriveInitialLang } from './state/language-model';
import { createNavigationModel, deriveFeatureButtons } from './state/navigation-model';
import { createScheduleModel } from './state/schedule-model';
import { createSnapshotModel } from './state/snapshot-model';
import { App } from './ui/App';
import './ui/kiosk.css';

// Composition root: adapters, then models handed their ports, then the render.
const { state } = openStores();
const time = createClockModel(clock);
const language = createLanguageModel(deriveInitialLang(location.search));
const net = watchNetwork((online) => snapshot.setBrowserOnline(online));
const snapshot = createSnapshotModel({
  api: createHubApi(), cache: createSnapshotCache(state), kioskIds: createKioskIdStore(state), clock, now: time.now,
  kioskIdFromUrl: new URLSearchParams(location.search).get('kiosk'), browserOnline: net.online,
});
const schedule = createScheduleModel(snapshot.snapshot, time.now, Intl.DateTimeFormat().resolvedOptions().timeZone);
const features = computed(() => deriveFeatureButtons(snapshot.snapshot.value?.kiosk.features ?? null));
const navigation = createNavigationModel(features);
const idle = createIdleModel({
  now: time.now, clockNow: clock.now, onAttract: computed(() => navigation.screen.value === 'attract'),
  idleSeconds: computed(() => snapshot.snapshot.value?.kiosk.idleSeconds ?? snapshot.rules.value.idleSeconds),
  countdownSeconds: computed(() => snapshot.rules.value.idleCountdownSeconds),
  onExpire: () => {
    navigation.home();
    language.reset();
  },
});
const bridge = startServiceWorkerBridge({ clock, reload: () => location.reload(), register: import.meta.env.PROD && 'serviceWorker' in navigator });
effect(() => bridge.setPolicy({ ...snapshot.rules.value, timeZone: schedule.timeZone.value }));
effect(() => bridge.reportIdle(idle.quiet.value));
onUserActivity(idle.touch);
enterFullscreenOnFirstTouch();
keepScreenAwake();
blockBrowserGestures();
render(<App models={{ clock: time, language, snapshot, schedule, navigation, idle, features }} />, document.getElementById('app')!);
void snapshot.start();
