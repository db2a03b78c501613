import type { UseStore } from 'idb-keyval';

// idb-keyval's createStore, but every transaction is opened with {durability: 'strict'}: the browser
// reports 'complete' only once the data is flushed to disk, so an event survives a crash or power cut
// the moment record() resolves. Browsers without the option ignore the third argument.

export function openDatabase(dbName: string, storeName: string, idb: IDBFactory = indexedDB): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = idb.open(dbName);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new DOMException('database blocked', 'InvalidStateError'));
  });
}

export function createStrictStore(dbName: string, storeName: string): UseStore {
  let dbp: Promise<IDBDatabase> | undefined;
  const getDB = () => {
    if (dbp) return dbp;
    dbp = openDatabase(dbName, storeName);
    dbp.then(
      (db) => {
        db.onclose = () => (dbp = undefined); // closed under us (storage pressure, Safari): reopen next time
        db.onversionchange = () => {
          db.close();
          dbp = undefined;
        };
      },
      () => (dbp = undefined),
    );
    return dbp;
  };
  return (txMode, callback) =>
    getDB().then((db) => callback(db.transaction(storeName, txMode, { durability: 'strict' }).objectStore(storeName)));
}

/** A request or transaction as a promise: a transaction resolves on 'complete', rejects on error or abort. */
export function done<T>(request: IDBRequest<T>): Promise<T>;
export function done(tx: IDBTransaction): Promise<void>;
export function done(r: IDBRequest | IDBTransaction): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if ('oncomplete' in r) {
      r.oncomplete = () => resolve(undefined);
      r.onabort = r.onerror = () => reject(r.error ?? new DOMException('transaction aborted', 'AbortError'));
    } else {
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    }
  });
}
