// This device's notifications, as the service worker needs to know them: the
// account they were turned on for (whose outbox a value logged offline joins)
// and its time zone (for the log's time). Kept in the offline store beside the
// outbox, under a key of the device rather than of an account; written when
// notifications are turned on here, removed when they are turned off.
import type { KeyValueStore } from '@/offline/db'

export interface PushDeviceRecord {
  account: number
  timezone: string
  endpoint: string
}

const KEY = 'device:push'

export function readDeviceRecord(store: KeyValueStore): Promise<PushDeviceRecord | undefined> {
  return store.get<PushDeviceRecord>(KEY)
}

export function saveDeviceRecord(store: KeyValueStore, record: PushDeviceRecord): Promise<void> {
  return store.put(KEY, { ...record })
}

export function forgetDeviceRecord(store: KeyValueStore): Promise<void> {
  return store.delete(KEY)
}
