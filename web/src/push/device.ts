// This browser's push subscription: whether it can have one, making it with
// the server's key, and ending it. No Vue here; usePushDevice
// (composables/usePushDevice.ts) holds the state the Settings card shows.

/** Why notifications cannot be turned on here, or 'supported'. */
export type PushSupport = 'supported' | 'insecure' | 'unsupported' | 'no-worker'

export interface PushEnvironment {
  isSecureContext: boolean
  serviceWorker?: Pick<ServiceWorkerContainer, 'getRegistration' | 'ready'>
  /** Notification.permission and requestPermission; undefined where there are no notifications. */
  notifications?: { permission: NotificationPermission; requestPermission(): Promise<NotificationPermission> }
  hasPushManager: boolean
}

export function browserEnvironment(): PushEnvironment {
  const g = globalThis as typeof globalThis & { Notification?: typeof Notification; PushManager?: unknown }
  return {
    isSecureContext: g.isSecureContext === true,
    serviceWorker: 'serviceWorker' in navigator ? navigator.serviceWorker : undefined,
    notifications: g.Notification
      ? {
          get permission() {
            return g.Notification!.permission
          },
          requestPermission: () => g.Notification!.requestPermission(),
        }
      : undefined,
    hasPushManager: typeof g.PushManager !== 'undefined',
  }
}

/** What stands in the way, checked in the order a person can do something about it. */
export function pushSupport(env: PushEnvironment): Exclude<PushSupport, 'no-worker'> {
  if (!env.isSecureContext) return 'insecure'
  if (!env.serviceWorker || !env.notifications || !env.hasPushManager) return 'unsupported'
  return 'supported'
}

/** The app's worker registration, once there is one (it registers after the page loads); undefined after `waitMs`. */
export async function registration(
  env: PushEnvironment,
  waitMs = 5000,
): Promise<ServiceWorkerRegistration | undefined> {
  if (!env.serviceWorker) return undefined
  const now = await env.serviceWorker.getRegistration().catch(() => undefined)
  if (now?.active) return now
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)))
  try {
    return await Promise.race([env.serviceWorker.ready, late])
  } finally {
    clearTimeout(timer)
  }
}

/** base64url (padding optional) → bytes, as `applicationServerKey` takes them. */
export function base64UrlToBytes(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(text.length / 4) * 4, '=')
  const binary = atob(b64)
  const bytes = new Uint8Array(new ArrayBuffer(binary.length))
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function sameBytes(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a || a.byteLength !== b.length) return false
  const view = new Uint8Array(a)
  return view.every((x, i) => x === b[i])
}

/**
 * Subscribes with the server's key. A subscription made with another key (the
 * server's key changed) cannot be reused, so it is ended and made anew.
 */
export async function subscribe(reg: ServiceWorkerRegistration, publicKey: string): Promise<PushSubscription> {
  const key = base64UrlToBytes(publicKey)
  const existing = await reg.pushManager.getSubscription()
  if (existing) {
    if (sameBytes(existing.options.applicationServerKey, key)) return existing
    await existing.unsubscribe().catch(() => false)
  }
  return reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key })
}

/** What POST /push/subscriptions takes of a subscription. */
export function subscriptionInput(subscription: PushSubscription, label: string) {
  const json = subscription.toJSON()
  return {
    endpoint: subscription.endpoint,
    keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' },
    label,
  }
}
