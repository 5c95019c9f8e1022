// Whether this browser shows the account's reminders as notifications, known
// without a request: Settings writes a device record when they are turned on
// here (push/deviceRecord.ts) and removes it when they are turned off or the
// account signs out; the browser's permission must still be granted.
import { ref, watch, type Ref } from 'vue'
import { offlineStore } from '@/offline'
import { readDeviceRecord } from '@/push/deviceRecord'

export function useNotificationsHere(account: () => number | null): Readonly<Ref<boolean>> {
  const on = ref(false)
  watch(
    account,
    async (id) => {
      const granted = (globalThis as { Notification?: typeof Notification }).Notification?.permission === 'granted'
      const record = id !== null && granted ? await readDeviceRecord(offlineStore).catch(() => undefined) : undefined
      on.value = record?.account === id
    },
    { immediate: true },
  )
  return on
}
