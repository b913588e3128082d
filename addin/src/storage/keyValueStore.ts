/** Browser storage port: the pane keeps its license cache and campaign state through this. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  /**
   * Calls `listener` when a key may have changed in another pane (another tab or compose window
   * of the same origin): the key, or null when everything may have changed. Returns the
   * unsubscribe function. Stores that cannot tell leave it out, and readers poll instead.
   */
  watch?(listener: (key: string | null) => void): () => void;
}

export function browserStore(storage: Storage = window.localStorage): KeyValueStore {
  return {
    get: (key) => storage.getItem(key),
    set: (key, value) => storage.setItem(key, value),
    remove: (key) => storage.removeItem(key),
    // The "storage" event fires in every other document of the origin that shares this storage (HTML § 12.2.1).
    watch: (listener) => {
      const onStorage = (event: StorageEvent) => {
        if (event.storageArea === storage) listener(event.key);
      };
      window.addEventListener('storage', onStorage);
      return () => window.removeEventListener('storage', onStorage);
    },
  };
}

/** An in-memory store; several panes in one test share one, and each change is announced to all of them. */
export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  const listeners = new Set<(key: string | null) => void>();
  const announce = (key: string) => {
    for (const listener of [...listeners]) listener(key);
  };
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => {
      values.set(key, value);
      announce(key);
    },
    remove: (key) => {
      values.delete(key);
      announce(key);
    },
    watch: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
