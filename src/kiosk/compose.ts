import { computed } from '@preact/signals';
import { composeCheckin, type CheckinDeps } from './checkin-root';
import { createSnapshotCache } from './data/snapshot-cache';
import type { StorageState } from './platform/storage';
import { composeShell, type ShellDeps } from './shell-root';
import { createClockModel } from './state/shell/clock-model';
import { createLanguageModel, deriveInitialLang } from './state/shell/language-model';
import { createNavigationModel, deriveFeatureButtons, deriveFeatures } from './state/shell/navigation-model';
import { createRatingModel } from './state/feedback/rating-model';
import { createScheduleModel } from './state/shell/schedule-model';
import { createSnapshotModel } from './state/sync/snapshot-model';
import { createStaffModel } from './state/shell/staff-model';
import { createTextSizeModel } from './state/shell/text-size-model';
import { composeSync, type SyncDeps } from './sync-root';
import type { AppModels } from './ui/App';

// The composition root: adapters in (main.tsx makes the browser's; a unit test makes fakes), models
// out, each built after everything it needs, so no part reaches for one declared later. Then start().

export interface KioskAdapters
  extends Pick<SyncDeps, 'stores' | 'clock' | 'online' | 'hubApi' | 'random' | 'persistStorage'>,
    Pick<CheckinDeps, 'scanner' | 'sound' | 'listenWedge' | 'verify' | 'hash'>,
    Pick<ShellDeps, 'shell' | 'serviceWorker' | 'version'> {
  readonly page: SyncDeps['page'] & { readonly timeZone: string; reload(): void };
  readonly readStorage: () => Promise<StorageState>;
  readonly verifyPin: (pin: string, hash: string) => Promise<boolean>;
  readonly download: (name: string, text: string) => void;
}

export function composeKiosk(a: KioskAdapters): { readonly models: AppModels; start(): void } {
  const { clock, stores } = a;
  const time = createClockModel(clock);
  const [language, textSize] = [createLanguageModel(deriveInitialLang(a.page.search)), createTextSizeModel()];
  const writer = composeSync(a);
  const { enrollment, sync, outbox } = writer;
  const snapshot = createSnapshotModel({
    api: writer.api, cache: createSnapshotCache(stores), clock, now: time.now, browserOnline: a.online, sent: sync.lastSuccessAt,
  });
  const staff = createStaffModel({
    pinHash: () => snapshot.snapshot.value?.kiosk.staffPinHash ?? null, verify: a.verifyPin, now: time.now, clockNow: clock.now,
    kioskId: () => enrollment.device.value?.kioskId ?? null, readStorage: a.readStorage, loadDeadLetters: outbox.deadLetters,
    loadPending: async () => (await outbox.all()).map((q) => q.event), flush: () => sync.flush('manual'), download: a.download,
  });
  const schedule = createScheduleModel(snapshot.snapshot, time.now, a.page.timeZone);
  const feedback = { sink: sync, clock, snapshot: snapshot.snapshot, rules: snapshot.rules };
  const rating = createRatingModel(feedback);
  const configured = computed(() => (enrollment.state.value === 'none' ? null : (snapshot.snapshot.value?.kiosk.features ?? null)));
  const [kioskFeatures, features] = [computed(() => deriveFeatures(configured.value)), computed(() => deriveFeatureButtons(configured.value))];
  const navigation = createNavigationModel(kioskFeatures);
  const checkin = composeCheckin({ ...a, now: time.now, snapshot, sink: sync, timeZone: schedule.timeZone, features: kioskFeatures, navigation, staff });
  const shell = composeShell({
    ...a, now: time.now, snapshot, timeZone: schedule.timeZone, sync, enrolled: () => enrollment.token() !== null,
    postHeartbeat: writer.api.postHeartbeat, camera: checkin.camera,
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
  return {
    models: {
      clock: time, language, textSize, snapshot, schedule, navigation, idle: shell.idle, features, kioskFeatures, enrollment, sync, staff,
      rating, ...checkin, update: shell.update, version: a.version, reload: a.page.reload,
    },
    start() {
      // a new device token pulls the kiosk's snapshot at once; the cached one shows meanwhile
      const enrolled = writer.start(() => void snapshot.refresh());
      checkin.start();
      void enrolled.then(() => {
        shell.heartbeat.start();
        return snapshot.start();
      });
    },
  };
}
