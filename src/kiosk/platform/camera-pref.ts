import { del, get, set, type UseStore } from 'idb-keyval';

// The camera staff chose for this kiosk (a MediaDeviceInfo.deviceId), kept in the kiosk's small-values
// store so it survives reloads and updates. No choice means the default: the camera facing the person.

export interface CameraPref {
  load(): Promise<string | null>;
  save(deviceId: string | null): Promise<void>;
}

const KEY = 'camera';
const ID_MAX = 512; // device ids are opaque hashes, ~64 characters in Chromium

export function createCameraPref(store: UseStore): CameraPref {
  return {
    async load() {
      const v: unknown = await get(KEY, store).catch(() => undefined);
      return typeof v === 'string' && v !== '' && v.length <= ID_MAX ? v : null;
    },
    async save(deviceId) {
      // a lost preference only means the default camera after the next reload: not worth an error
      await (deviceId === null ? del(KEY, store) : set(KEY, deviceId, store)).catch(() => undefined);
    },
  };
}
