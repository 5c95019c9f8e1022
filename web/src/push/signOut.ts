// Signing out ends this device's notifications: a shared device must not keep
// showing the previous account's reminders, tracker names and all.
//
// Logging out, the server forgets this browser's subscription first, while the
// session still counts (best effort, bounded in time: no answer, or a session
// already dead, must not hold up the logout); then the browser ends its
// subscription, even offline. A session that ended by itself (a 401, the
// account deleted) can no longer ask the server, so only the browser's end:
// the push service then answers the next notification 410, and the server
// drops the device.
import type { PushDevice } from '@/api/types'
import type { KeyValueStore } from '@/offline/db'
import { forgetDeviceRecord, readDeviceRecord } from './deviceRecord'

/** 'logout': the session is still valid and ends next. 'session-ended': it is gone already. */
export type SignOutKind = 'logout' | 'session-ended'

export interface PushSignOutDeps {
  /** Holds the device record (push/deviceRecord.ts): which account turned notifications on here. */
  store: KeyValueStore
  api: {
    listPushDevices(opts: { quiet401: boolean }): Promise<PushDevice[]>
    removePushDevice(id: number, opts: { quiet401: boolean }): Promise<void>
  }
  /** The app's worker registration, without waiting for one: with none there is no subscription. */
  registration(): Promise<Pick<ServiceWorkerRegistration, 'pushManager'> | undefined>
  online(): boolean
  /** How long the server may take to forget the device before the logout goes on without it. */
  serverWaitMs?: number
}

/** Ends this browser's notifications for `account` (the one signing out; null when unknown). Never throws. */
export async function endPushOnSignOut(
  account: number | null,
  kind: SignOutKind,
  deps: PushSignOutDeps,
): Promise<void> {
  const record = await readDeviceRecord(deps.store).catch(() => undefined)
  const registration = await deps.registration().catch(() => undefined)
  const subscription = await registration?.pushManager.getSubscription().catch(() => null)

  const ours = record !== undefined && account !== null && record.account === account
  if (kind === 'logout' && ours && deps.online()) {
    await forgetOnServer(subscription?.endpoint ?? record.endpoint, deps)
  }
  // Whoever it was for: nobody is signed in here now.
  await subscription?.unsubscribe().catch(() => false)
  if (record) await forgetDeviceRecord(deps.store).catch(() => undefined)
}

async function forgetOnServer(endpoint: string, deps: PushSignOutDeps): Promise<void> {
  const quiet = { quiet401: true }
  const attempt = (async () => {
    const device = (await deps.api.listPushDevices(quiet)).find((d) => d.endpoint === endpoint)
    if (device) await deps.api.removePushDevice(device.id, quiet)
  })().catch(() => undefined)
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, deps.serverWaitMs ?? 4000)))
  try {
    await Promise.race([attempt, late])
  } finally {
    clearTimeout(timer)
  }
}
