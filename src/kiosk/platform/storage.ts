// The browser's storage for this origin: ask once that it never be evicted, and read how much is used.

export interface StorageState {
  readonly persisted: boolean;
  readonly usage: number | null; // bytes
  readonly quota: number | null;
}

/** Asks the browser to keep this origin's storage under pressure; false where refused or unsupported. */
export async function requestPersistence(nav: Navigator = navigator): Promise<boolean> {
  try {
    if (!nav.storage?.persist) return false;
    return (await nav.storage.persisted()) || (await nav.storage.persist());
  } catch {
    return false;
  }
}

export async function readStorage(nav: Navigator = navigator): Promise<StorageState> {
  try {
    const [persisted, estimate] = await Promise.all([nav.storage.persisted(), nav.storage.estimate()]);
    return { persisted, usage: estimate.usage ?? null, quota: estimate.quota ?? null };
  } catch {
    return { persisted: false, usage: null, quota: null };
  }
}
