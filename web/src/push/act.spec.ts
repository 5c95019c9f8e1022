// A click on a notification's button, with no page: the log is sent with the
// notification's token, or queued in the account's outbox when the server
// cannot be reached — where a page's outbox then finds it and sends it once.
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { ApiError } from '@/api/client'
import type { Log, LogInput, PushActionInput } from '@/api/types'
import { memoryStore } from '@/offline/db'
import { createOutbox } from '@/offline/outbox'
import { OUTBOX_LIMIT, queueCreate } from '@/offline/outboxEntry'
import { actOnNotification, type ActDeps } from './act'
import type { NotificationData } from './notification'

const T0 = Date.parse('2026-12-05T07:00:41Z')
const UID = '0192f5a1-7b3d-7c8e-9a61-2d5f0e8b7c43'
const data: NotificationData = {
  url: '/trackers/12',
  token: 'pa_1',
  trackers: [
    {
      id: 12,
      name: 'Meditated',
      type: 'boolean',
      actions: [
        { title: 'Yes', value: true },
        { title: 'No', value: false },
      ],
    },
  ],
}

function logOf(input: { tracker_id: number; uid: string; value: Log['value']; logged_at?: string }): Log {
  return { id: 1, note: '', created_at: '', updated_at: '', logged_at: input.logged_at ?? '', ...input }
}

function setUp(answer: (input: PushActionInput) => Promise<Log>) {
  const store = memoryStore()
  const sent: PushActionInput[] = []
  const deps: ActDeps = {
    send: (input) => {
      sent.push(input)
      return answer(input)
    },
    queue: (trackerId, input) => queueCreate(store, 42, trackerId, input, T0),
    newUid: () => UID,
    now: () => T0,
    timezone: 'Europe/Paris',
  }
  return { store, sent, deps }
}

describe('actOnNotification', () => {
  it("sends the button's value with the token, a new uid and the click's instant in the account's zone", async () => {
    const { sent, deps } = setUp(async (input) => logOf(input))
    const outcome = await actOnNotification(data, 'log:1', deps)
    expect(sent).toEqual([
      { token: 'pa_1', tracker_id: 12, value: false, uid: UID, logged_at: '2026-12-05T08:00:41+01:00' },
    ])
    expect(outcome).toMatchObject({ kind: 'logged', choice: { title: 'No' }, tracker: { id: 12 } })
  })

  it('opens the log form for Log…, the body, an unknown button, several trackers or no token', async () => {
    const { sent, deps } = setUp(async (input) => logOf(input))
    for (const action of ['open', '', 'log:5']) {
      expect(await actOnNotification(data, action, deps)).toEqual({ kind: 'open', url: '/trackers/12?log=1' })
    }
    const two = { ...data, url: '/', trackers: [...data.trackers, { ...data.trackers[0], id: 13 }] }
    expect(await actOnNotification(two, 'log:0', deps)).toEqual({ kind: 'open', url: '/' })
    expect(await actOnNotification({ ...data, token: null }, 'log:0', deps)).toMatchObject({ kind: 'open' })
    expect(sent).toEqual([])
  })

  it('opens the log form when the token expired (401) or the value is refused (422, 404)', async () => {
    for (const status of [401, 404, 422]) {
      const { store, deps } = setUp(async () => {
        throw new ApiError(status, 'x', 'No.')
      })
      expect(await actOnNotification(data, 'log:0', deps)).toEqual({ kind: 'open', url: '/trackers/12?log=1' })
      expect(await store.list('a42:outbox:')).toEqual([])
    }
  })

  it.each([
    ['no network', new ApiError(0, 'network_error', 'Offline.')],
    ['a 503', new ApiError(503, 'busy', 'Busy.')],
    ['a 429', new ApiError(429, 'rate_limited', 'Later.')],
    ['a 408', new ApiError(408, 'request_timeout', 'Slow.')],
  ])('after %s, queues the log in the outbox, which a page then sends once', async (_what, error) => {
    const { store, deps } = setUp(async () => {
      throw error
    })
    const outcome = await actOnNotification(data, 'log:0', deps)
    expect(outcome).toMatchObject({ kind: 'queued', choice: { value: true } })

    // A page of that account opens: its outbox holds the log, as a create with the uid and the click's time.
    const created: Array<{ tracker: number; input: LogInput }> = []
    const outbox = createOutbox({
      store,
      account: ref(42),
      api: {
        async createLog(tracker, input) {
          created.push({ tracker, input })
          return logOf({ tracker_id: tracker, uid: input.uid!, value: input.value, logged_at: input.logged_at })
        },
        updateLog: async () => {
          throw new Error('not used')
        },
        deleteLog: async () => undefined,
      },
    })
    await outbox.load()
    expect(outbox.pendingLogs(12)).toMatchObject([{ uid: UID, value: true, logged_at: '2026-12-05T08:00:41+01:00' }])
    expect(await outbox.flush()).toBe(1)
    expect(await outbox.flush()).toBe(0)
    expect(created).toEqual([{ tracker: 12, input: { uid: UID, value: true, logged_at: '2026-12-05T08:00:41+01:00' } }])
    expect(await store.list('a42:outbox:')).toEqual([])
  })

  it('opens the log form when the log cannot be queued (no account known here, or the outbox full)', async () => {
    const { deps } = setUp(async () => {
      throw new ApiError(0, 'network_error', 'Offline.')
    })
    const noAccount = { ...deps, queue: async () => false }
    expect(await actOnNotification(data, 'log:0', noAccount)).toMatchObject({ kind: 'open' })

    const full = memoryStore()
    for (let i = 0; i < 3; i++) {
      await queueCreate(full, 42, 12, { uid: `u${i}`, value: true, logged_at: 'x' }, T0, 3)
    }
    expect(await queueCreate(full, 42, 12, { uid: 'u9', value: true, logged_at: 'x' }, T0, 3)).toBe(false)
    // The same log again is no new entry: it fits.
    expect(await queueCreate(full, 42, 12, { uid: 'u1', value: true, logged_at: 'x' }, T0, 3)).toBe(true)
    expect((await full.list('a42:outbox:')).length).toBe(3)
    expect(OUTBOX_LIMIT).toBe(500)
  })
})
