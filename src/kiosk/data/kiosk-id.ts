import { get, set, type UseStore } from 'idb-keyval';

const KEY = 'kioskId';
const VALID = /^[A-Za-z0-9._-]{1,128}$/;

export interface KioskIdStore {
  /** The id from the URL if it has one (and remembers it), else the remembered one, else null. */
  resolve(fromUrl: string | null): Promise<string | null>;
}

export function createKioskIdStore(store: UseStore): KioskIdStore {
  return {
    async resolve(fromUrl) {
      if (fromUrl !== null && VALID.test(fromUrl)) {
        await set(KEY, fromUrl, store).catch(() => undefined);
        return fromUrl;
      }
      const saved: unknown = await get(KEY, store).catch(() => undefined);
      return typeof saved === 'string' && VALID.test(saved) ? saved : null;
    },
  };
}
