// Signing out ends this device's notifications: logging out, the server
// forgets the device while the session still counts, then the browser ends its
// subscription; offline, or after the session ended by itself, only the browser.
import { describe, expect, it } from 'vitest'
import { createApiClient, memoryTokenStore, type ApiError } from '@/api/client'
import { memoryStore } from '@/offline/db'
import { readDeviceRecord, saveDeviceRecord } from './deviceRecord'
import { endPushOnSignOut, type PushSignOutDeps } from './signOut'

const ENDPOINT = 'https://push.example/browser'
const device = (id: number, endpoint: string) => ({
  id,
  kind: 'webpush' as const,
  endpoint,
  origin: 'https://push.example',
  label: 'Chromium on Linux',
  created_at: '2026-12-01T10:00:00Z',
  last_sent_at: null,
})

type Answer = (method: string, path: string) => Response | Promise<Response>

/** The real API client over a fake network, a browser subscription, and one log of what happened in order. */
async function setUp(opts: { record?: number; subscribed?: boolean; online?: boolean; answer?: Answer } = {}) {
  const calls: string[] = []
  const unauthorized: ApiError[] = []
  const store = memoryStore()
  if (opts.record !== undefined) {
    await saveDeviceRecord(store, { account: opts.record, timezone: 'Europe/Paris', endpoint: ENDPOINT })
  }
  const answer: Answer =
    opts.answer ??
    ((method) =>
      method === 'GET'
        ? Response.json({ subscriptions: [device(3, 'https://push.example/phone'), device(4, ENDPOINT)] })
        : new Response(null, { status: 204 }))
  const api = createApiClient({
    baseUrl: 'http://qself.test/api/v1',
    tokens: memoryTokenStore('tok-123'),
    onUnauthorized: (e) => unauthorized.push(e),
    upload: null,
    fetch: async (input, init) => {
      const path = new URL(String(input)).pathname
      calls.push(`${init?.method} ${path}`)
      return answer(init?.method ?? 'GET', path)
    },
  })
  let subscribed = opts.subscribed ?? true
  const subscription = {
    endpoint: ENDPOINT,
    unsubscribe: async () => {
      calls.push('unsubscribe')
      subscribed = false
      return true
    },
  }
  const deps: PushSignOutDeps = {
    store,
    api,
    registration: async () =>
      ({ pushManager: { getSubscription: async () => (subscribed ? subscription : null) } }) as unknown as Pick<
        ServiceWorkerRegistration,
        'pushManager'
      >,
    online: () => opts.online ?? true,
    serverWaitMs: 200,
  }
  return { calls, unauthorized, store, deps }
}

describe('endPushOnSignOut', () => {
  it('logging out: the server forgets this browser, then the browser unsubscribes and the record goes', async () => {
    const { calls, store, deps } = await setUp({ record: 42 })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual(['GET /api/v1/push/subscriptions', 'DELETE /api/v1/push/subscriptions/4', 'unsubscribe'])
    expect(await readDeviceRecord(store)).toBeUndefined()
  })

  it('offline: no request, and the browser still unsubscribes', async () => {
    const { calls, store, deps } = await setUp({ record: 42, online: false })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual(['unsubscribe'])
    expect(await readDeviceRecord(store)).toBeUndefined()
  })

  it('no answer from the server: the browser still unsubscribes', async () => {
    const { calls, deps } = await setUp({
      record: 42,
      answer: () => Promise.reject(new TypeError('Failed to fetch')),
    })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual(['GET /api/v1/push/subscriptions', 'unsubscribe'])
  })

  it('a server that does not answer holds the logout up only briefly', async () => {
    const { calls, deps } = await setUp({ record: 42, answer: () => new Promise<Response>(() => undefined) })
    const started = Date.now()
    await endPushOnSignOut(42, 'logout', deps)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(calls).toEqual(['GET /api/v1/push/subscriptions', 'unsubscribe'])
  })

  it('a session already dead there (401) is no news: nothing is told of it', async () => {
    const { calls, unauthorized, deps } = await setUp({
      record: 42,
      answer: () => Response.json({ error: { code: 'unauthorized', message: 'Log in again.' } }, { status: 401 }),
    })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual(['GET /api/v1/push/subscriptions', 'unsubscribe'])
    expect(unauthorized).toEqual([])
  })

  it('after a 401 the session cannot ask the server: only the browser unsubscribes', async () => {
    const { calls, store, deps } = await setUp({ record: 42 })
    await endPushOnSignOut(42, 'session-ended', deps)
    expect(calls).toEqual(['unsubscribe'])
    expect(await readDeviceRecord(store)).toBeUndefined()
  })

  it("another account's record is not this session's to delete on the server; the browser still unsubscribes", async () => {
    const { calls, deps } = await setUp({ record: 7 })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual(['unsubscribe'])
  })

  it('notifications never turned on here: nothing to do', async () => {
    const { calls, deps } = await setUp({ subscribed: false })
    await endPushOnSignOut(42, 'logout', deps)
    expect(calls).toEqual([])
  })
})
