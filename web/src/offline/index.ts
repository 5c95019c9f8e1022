// The app's offline data layer, wired to the app's API client and IndexedDB:
// `outbox` (logs waiting to be sent, ./outbox.ts) and `lastKnown` (the last
// data loaded, ./lastKnown.ts), both for the signed-in account, which the
// session store sets (`useAccount`) and clears (`signOut`).
import { ref } from 'vue'
import { api } from '@/api'
import { defaultStore } from './db'
import { createLastKnown } from './lastKnown'
import { createOutbox } from './outbox'

/** The offline store itself: also holds this device's notification record (src/push/deviceRecord.ts). */
export const offlineStore = defaultStore()
const store = offlineStore
const account = ref<number | null>(null)
let timezone = 'UTC'

export const outbox = createOutbox({ store, api, account, timezone: () => timezone })
export const lastKnown = createLastKnown(store, account)

/** The account signed in (known from the server, or from the last session when offline). */
export function useAccount(user: { id: number; timezone?: string | null }): void {
  timezone = user.timezone || timezone
  if (account.value === user.id) return
  account.value = user.id
  void outbox.load().then(() => outbox.flush().catch(() => undefined))
}

/**
 * The account signs out: its cached data is deleted. Its outbox stays, keyed by
 * the account, out of sight until the same account signs in again, and is sent
 * then — unless the account itself is gone (`deleted`), which takes everything.
 */
export async function signOut(deleted = false): Promise<void> {
  const id = account.value
  account.value = null
  await outbox.load()
  if (id === null) return
  await lastKnown.forget(id)
  if (deleted) await store.deletePrefix(`a${id}:`).catch(() => undefined)
}

export { isPendingLog } from './outbox'
