// Settings → Notifications on this device: whether this browser can get the
// account's reminders as notifications, turning them on (permission, a push
// subscription with the server's key, POST /push/subscriptions) and off
// (DELETE, then the browser's subscription ends), the account's other devices
// and webhooks, adding a webhook, and a test notification. The service worker
// learns from the device record (push/deviceRecord.ts) which account's outbox
// a value logged offline joins.
import { computed, ref } from 'vue'
import { api, errorMessage, isApiError } from '@/api'
import type { PushDevice, PushWebhookInput } from '@/api/types'
import { offlineStore } from '@/offline'
import { isNetworkError } from '@/offline/outbox'
import { deviceLabel } from '@/push/deviceLabel'
import { forgetDeviceRecord, saveDeviceRecord } from '@/push/deviceRecord'
import {
  browserEnvironment,
  pushSupport,
  registration,
  subscribe,
  subscriptionInput,
  type PushEnvironment,
  type PushSupport,
} from '@/push/device'

export type PushBusy = 'on' | 'off' | 'test' | number | null

const OFFLINE = 'No connection: notifications can be turned on or off once you are back online.'

export function usePushDevice(
  account: () => { id: number; timezone: string } | null,
  env: PushEnvironment = browserEnvironment(),
) {
  const support = ref<PushSupport | 'checking'>('checking')
  const permission = ref<NotificationPermission>(env.notifications?.permission ?? 'default')
  const endpoint = ref<string | null>(null)
  const devices = ref<PushDevice[]>([])
  const loaded = ref(false)
  const loadError = ref<unknown>(null)
  const busy = ref<PushBusy>(null)
  /** Why the last change failed, for the switch. */
  const message = ref('')
  /** What the test button did. */
  const testResult = ref('')

  const thisDevice = computed(() => devices.value.find((d) => d.endpoint === endpoint.value) ?? null)
  const enabled = computed(() => thisDevice.value !== null)
  const sorted = computed(() =>
    [...devices.value].sort((a, b) => Number(b.id === thisDevice.value?.id) - Number(a.id === thisDevice.value?.id)),
  )

  async function check(): Promise<ServiceWorkerRegistration | undefined> {
    const basic = pushSupport(env)
    if (basic !== 'supported') {
      support.value = basic
      return undefined
    }
    const reg = await registration(env, support.value === 'checking' ? 3000 : 10_000)
    support.value = reg ? 'supported' : 'no-worker'
    permission.value = env.notifications!.permission
    endpoint.value = reg ? ((await reg.pushManager.getSubscription().catch(() => null))?.endpoint ?? null) : null
    return reg
  }

  async function loadDevices(): Promise<void> {
    loadError.value = null
    try {
      devices.value = await api.listPushDevices()
      loaded.value = true
    } catch (e) {
      loadError.value = e
    }
  }

  async function load(): Promise<void> {
    await Promise.all([check(), loadDevices()])
  }

  async function run(kind: PushBusy, fn: () => Promise<void>): Promise<void> {
    busy.value = kind
    message.value = ''
    try {
      await fn()
    } catch (e) {
      message.value = isNetworkError(e) ? OFFLINE : errorMessage(e)
    } finally {
      busy.value = null
    }
  }

  function turnOn(): Promise<void> {
    return run('on', async () => {
      const who = account()
      if (!who) return
      // Asked first, while the click still counts as the person's gesture.
      if (env.notifications && env.notifications.permission === 'default') {
        permission.value = await env.notifications.requestPermission()
      }
      permission.value = env.notifications?.permission ?? 'denied'
      if (permission.value !== 'granted') return
      const reg = await check()
      if (!reg) return
      const key = await api.pushKey()
      let subscription: PushSubscription
      try {
        subscription = await subscribe(reg, key)
      } catch (e) {
        throw new Error(
          `This browser would not subscribe to notifications (${e instanceof Error ? e.message : String(e)}).`,
          {
            cause: e,
          },
        )
      }
      const device = await api.addPushDevice(subscriptionInput(subscription, deviceLabel(navigator.userAgent)))
      endpoint.value = subscription.endpoint
      devices.value = [device, ...devices.value.filter((d) => d.id !== device.id)]
      await saveDeviceRecord(offlineStore, { account: who.id, timezone: who.timezone, endpoint: subscription.endpoint })
    })
  }

  /** Stops sending here: the server forgets the device first, so nothing is sent to a dead subscription. */
  async function stopHere(device: PushDevice | null): Promise<void> {
    if (device) {
      try {
        await api.removePushDevice(device.id)
      } catch (e) {
        if (!(isApiError(e) && e.status === 404)) throw e
      }
      devices.value = devices.value.filter((d) => d.id !== device.id)
    }
    const reg = await registration(env, 1000)
    const subscription = await reg?.pushManager.getSubscription().catch(() => null)
    await subscription?.unsubscribe().catch(() => false)
    endpoint.value = null
    await forgetDeviceRecord(offlineStore).catch(() => undefined)
  }

  function turnOff(): Promise<void> {
    return run('off', () => stopHere(thisDevice.value))
  }

  function remove(device: PushDevice): Promise<void> {
    if (device.id === thisDevice.value?.id) return run(device.id, () => stopHere(device))
    return run(device.id, async () => {
      await api.removePushDevice(device.id).catch((e) => {
        if (!(isApiError(e) && e.status === 404)) throw e
      })
      devices.value = devices.value.filter((d) => d.id !== device.id)
    })
  }

  /** Adds a webhook (or relabels one the account has); a refusal is thrown, for the form to show. */
  async function addWebhook(input: PushWebhookInput): Promise<PushDevice> {
    const device = await api.addPushWebhook(input)
    devices.value = [device, ...devices.value.filter((d) => d.id !== device.id)]
    return device
  }

  function sendTest(): Promise<void> {
    testResult.value = ''
    return run('test', async () => {
      const count = await api.sendTestPush()
      testResult.value = `Sent to ${count} ${count === 1 ? 'device' : 'devices'}. It should show within a few seconds.`
      void loadDevices()
    })
  }

  return {
    support,
    permission,
    devices: sorted,
    thisDevice,
    enabled,
    loaded,
    loadError,
    busy,
    message,
    testResult,
    load,
    loadDevices,
    turnOn,
    turnOff,
    remove,
    addWebhook,
    sendTest,
  }
}
