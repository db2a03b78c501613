import { del, get, set, type UseStore } from 'idb-keyval';
import * as v from 'valibot';

// The device token this kiosk got at enrollment, and the kiosk it belongs to. Kept in IndexedDB only.

export const DeviceSchema = v.object({
  kioskId: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/)),
  token: v.pipe(v.string(), v.minLength(8), v.maxLength(512)),
});
export type DeviceCredentials = v.InferOutput<typeof DeviceSchema>;

export interface DeviceStore {
  load(): Promise<DeviceCredentials | null>;
  save(device: DeviceCredentials): Promise<boolean>;
  forget(): Promise<void>;
}

const KEY = 'device';

export function createDeviceStore(store: UseStore): DeviceStore {
  return {
    async load() {
      const parsed = v.safeParse(DeviceSchema, await get(KEY, store).catch(() => undefined));
      return parsed.success ? parsed.output : null;
    },
    async save(device) {
      try {
        await set(KEY, device, store);
        return true;
      } catch {
        return false;
      }
    },
    forget: () => del(KEY, store).catch(() => undefined),
  };
}
