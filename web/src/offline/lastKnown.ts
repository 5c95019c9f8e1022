// The last known data of the signed-in account — the dashboard's trackers with
// their summaries, each tracker's first page of logs — kept in the offline
// store so that, when the network fails, the app shows what it last loaded
// (marked as such) rather than an error. Kept per account and dropped at
// logout, so one account's data is never shown to another.
import { computed, reactive, type Ref } from 'vue'
import type { KeyValueStore } from './db'

export interface LastKnown<T> {
  /** When it was loaded from the server (RFC 3339, UTC). */
  saved_at: string
  data: T
}

export function createLastKnown(store: KeyValueStore, account: Ref<number | null>, now = () => Date.now()) {
  const prefix = (id: number) => `a${id}:cache:`
  /** What is on screen from the cache now, by name, with when it was loaded. */
  const shown = reactive(new Map<string, string>())

  /** Keeps `data` as the last known `name`; failures to store are not the caller's problem. */
  async function save(name: string, data: unknown): Promise<void> {
    const id = account.value
    if (id === null) return
    try {
      await store.put(prefix(id) + name, {
        saved_at: new Date(now()).toISOString(),
        data: JSON.parse(JSON.stringify(data)),
      })
    } catch {
      // Storage full or blocked: the app works online as before.
    }
  }

  async function read<T>(name: string): Promise<LastKnown<T> | null> {
    const id = account.value
    if (id === null) return null
    try {
      return (await store.get<LastKnown<T>>(prefix(id) + name)) ?? null
    } catch {
      return null
    }
  }

  /** Drops every cached answer of account `id` (logout, another account signing in). */
  async function forget(id: number): Promise<void> {
    shown.clear()
    await store.deletePrefix(prefix(id)).catch(() => undefined)
  }

  return {
    save,
    read,
    forget,
    /** A view shows `name` from the cache (loaded at `savedAt`), or (null) fresh again. */
    showing(name: string, savedAt: string | null): void {
      if (savedAt === null) shown.delete(name)
      else shown.set(name, savedAt)
    },
    /** The oldest load time of what is shown from the cache, or null when everything shown is fresh. */
    shownSince: computed(() => {
      const times = [...shown.values()].sort()
      return times[0] ?? null
    }),
  }
}

export type LastKnownCache = ReturnType<typeof createLastKnown>
