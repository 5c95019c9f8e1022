// Where the offline data lives: a small key → value store. In the browser it is
// one IndexedDB object store; in unit tests (and a browser without IndexedDB,
// like some private windows) it is a Map, behind the same interface, so the
// outbox and cache logic is tested as it runs.
//
// Keys are strings that start with the account ("a42:…"), so one account's data
// is found, and dropped, by its prefix and never read by another account.

export interface KeyValueStore {
  get<T>(key: string): Promise<T | undefined>
  put(key: string, value: unknown): Promise<void>
  delete(key: string): Promise<void>
  /** Every entry whose key starts with `prefix`, in key order. */
  list<T>(prefix: string): Promise<Array<[string, T]>>
  /** Deletes every entry whose key starts with `prefix`. */
  deletePrefix(prefix: string): Promise<void>
}

/** Values are structured-cloned, as IndexedDB does, so a caller never shares objects with the store. */
export function memoryStore(): KeyValueStore {
  const map = new Map<string, unknown>()
  const copy = <T>(v: T): T => (v === undefined ? v : structuredClone(v))
  return {
    async get<T>(key: string) {
      return copy(map.get(key)) as T | undefined
    },
    async put(key, value) {
      map.set(key, copy(value))
    },
    async delete(key) {
      map.delete(key)
    },
    async list<T>(prefix: string) {
      return [...map.entries()]
        .filter(([k]) => k.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, copy(v) as T] as [string, T])
    },
    async deletePrefix(prefix) {
      for (const k of [...map.keys()]) if (k.startsWith(prefix)) map.delete(k)
    },
  }
}

const STORE = 'kv'

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** All keys from `prefix` on that start with it: "\uffff" sorts after every character a key holds. */
function prefixRange(prefix: string): IDBKeyRange {
  return IDBKeyRange.bound(prefix, prefix + '\uffff')
}

/** One IndexedDB database `name` with one object store, opened on first use. */
export function indexedDbStore(name = 'qself-offline', factory: IDBFactory = indexedDB): KeyValueStore {
  let opening: Promise<IDBDatabase> | null = null
  function db(): Promise<IDBDatabase> {
    if (!opening) {
      const request = factory.open(name, 1)
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE)
      }
      opening = promised(request).catch((e) => {
        opening = null
        throw e
      })
    }
    return opening
  }
  async function run<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = (await db()).transaction(STORE, mode)
    const result = promised(fn(tx.objectStore(STORE)))
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve()
      tx.onerror = () => reject(tx.error)
      tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'))
    })
    return result
  }
  return {
    get: <T>(key: string) => run('readonly', (s) => s.get(key) as IDBRequest<T | undefined>),
    async put(key, value) {
      await run('readwrite', (s) => s.put(value, key))
    },
    async delete(key) {
      await run('readwrite', (s) => s.delete(key))
    },
    async list<T>(prefix: string) {
      const range = prefixRange(prefix)
      const tx = (await db()).transaction(STORE, 'readonly')
      const [keys, values] = await Promise.all([
        promised(tx.objectStore(STORE).getAllKeys(range)),
        promised(tx.objectStore(STORE).getAll(range)),
      ])
      return keys.map((k, i) => [String(k), values[i] as T] as [string, T])
    },
    async deletePrefix(prefix) {
      await run('readwrite', (s) => s.delete(prefixRange(prefix)))
    },
  }
}

/** IndexedDB where the browser has it, else memory (the data then lasts as long as the page). */
export function defaultStore(): KeyValueStore {
  return typeof indexedDB !== 'undefined' ? indexedDbStore() : memoryStore()
}
