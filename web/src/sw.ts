// The service worker (built by vite-plugin-pwa's injectManifest: see
// vite.config.ts; the page registers it in ./serviceWorker.ts).
//
// 1. The offline app shell, as Workbox's generateSW made it before: every
//    built file precached, a page navigation answered with the cached
//    index.html (but not /api, /metrics, file names or dot folders), a new
//    deploy taking over at once and dropping the old caches.
// 2. Reminders as notifications (Web Push): a push message shows one, with
//    buttons that log a value when they fit (./push/notification.ts); a button
//    logs it with no page open, or queues it in the outbox when the server
//    cannot be reached (./push/act.ts); "Log…" or the body opens the app at the
//    tracker's log form.
import { clientsClaim } from 'workbox-core'
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching'
import { NavigationRoute, registerRoute } from 'workbox-routing'
import { createApiClient, memoryTokenStore } from './api/client'
import { indexedDbStore } from './offline/db'
import { queueCreate } from './offline/outboxEntry'
import { actOnNotification, type ActOutcome } from './push/act'
import { readDeviceRecord } from './push/deviceRecord'
import { DEFAULT_MAX_ACTIONS, notificationFor, readPayload, type NotificationData } from './push/notification'
import { newLogUid } from './utils/logUid'
import type { WorkerMessage } from './push/messages'

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>
  /**
   * What a notification click runs; also reached by the browser suite, which
   * cannot click an OS notification (and passes its pinned clock's instant).
   */
  qselfNotificationClick?: (notification: Notification, action: string, now?: number) => Promise<ActOutcome>
}

// ---- the offline app shell ----
self.skipWaiting()
clientsClaim()
cleanupOutdatedCaches()
precacheAndRoute(self.__WB_MANIFEST)
// Pages of the app, but not the API, the metrics, nor what the server answers
// 404 (a file name, a dot folder). Workbox tests path + query.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('/index.html'), {
    denylist: [/^\/api(\/|\?|$)/, /^\/metrics(\?|$)/, /^[^?]*\/[^/?]*\.[^/?]*(\?|$)/, /^[^?]*\/\./],
  }),
)

// ---- notifications ----
const api = createApiClient({ baseUrl: '/api/v1', tokens: memoryTokenStore(), upload: null })
const store = indexedDbStore()

self.addEventListener('push', (event) => {
  let raw: unknown
  try {
    raw = event.data?.json() ?? null
  } catch {
    raw = { body: event.data?.text() ?? '' }
  }
  const max = (Notification as unknown as { maxActions?: number }).maxActions ?? DEFAULT_MAX_ACTIONS
  const { title, options } = notificationFor(readPayload(raw), max)
  event.waitUntil(self.registration.showNotification(title, options))
})

async function windows(): Promise<readonly WindowClient[]> {
  return self.clients.matchAll({ type: 'window', includeUncontrolled: true })
}

async function tell(message: WorkerMessage): Promise<void> {
  for (const client of await windows()) client.postMessage(message)
}

/** Focuses a window of the app and takes it to `url` (the page's router does it), or opens one there. */
async function openApp(url: string): Promise<void> {
  const open = await windows()
  const client = open.find((c) => c.focused) ?? open.find((c) => c.visibilityState === 'visible') ?? open[0]
  if (!client) {
    await self.clients.openWindow(url)
    return
  }
  client.postMessage({ type: 'qself:open', url } satisfies WorkerMessage)
  await client.focus().catch(() => undefined)
}

async function notificationClick(
  notification: Notification,
  action: string,
  now: number = Date.now(),
): Promise<ActOutcome> {
  const data = (notification.data ?? { url: '/', token: null, trackers: [] }) as NotificationData
  const device = await readDeviceRecord(store).catch(() => undefined)
  notification.close()
  const outcome = await actOnNotification(data, action, {
    send: (input) => api.pushAction(input),
    queue: async (trackerId, input) => (device ? queueCreate(store, device.account, trackerId, input, now) : false),
    newUid: () => newLogUid(),
    now: () => now,
    timezone: device?.timezone ?? 'UTC',
  })
  if (outcome.kind === 'open') {
    await openApp(outcome.url)
  } else {
    const what = `${outcome.choice.title} for ${outcome.tracker.name}`
    const uid = outcome.kind === 'logged' ? outcome.log.uid : ''
    await tell({
      type: outcome.kind === 'logged' ? 'qself:log-added' : 'qself:log-queued',
      tracker_id: outcome.tracker.id,
      uid,
    })
    // A quiet word that it worked; a log only queued says so and stays until seen.
    const tag = notification.tag || `qself-logged-${outcome.tracker.id}`
    await self.registration.showNotification(
      outcome.kind === 'logged' ? `Logged ${what}` : `Saved ${what} on this device`,
      {
        tag,
        silent: true,
        icon: '/icon-192.png',
        badge: '/badge-96.png',
        body: outcome.kind === 'logged' ? '' : 'It will be sent the next time qself is open with a connection.',
        data: {
          url: `/trackers/${outcome.tracker.id}`,
          token: null,
          trackers: [],
          confirmation: uid || undefined,
        } satisfies NotificationData,
      },
    )
    if (outcome.kind === 'logged') closing = closeSoon(tag, uid)
  }
  return outcome
}
self.qselfNotificationClick = notificationClick

/**
 * The confirmation goes after a few seconds (the worker is kept alive until
 * then) — that one alone: a new reminder shown meanwhile under the same tag
 * (the next test, the same moment's repeat) stays.
 */
let closing: Promise<void> = Promise.resolve()
async function closeSoon(tag: string, confirmation: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 4000))
  for (const shown of await self.registration.getNotifications({ tag })) {
    if ((shown.data as NotificationData | null)?.confirmation === confirmation) shown.close()
  }
}

self.addEventListener('notificationclick', (event) => {
  event.waitUntil(notificationClick(event.notification, event.action).then(() => closing))
})
