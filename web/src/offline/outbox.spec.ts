// The outbox's rules, on the in-memory store (the same interface as IndexedDB,
// which e2e/outbox.test.mjs covers in Chromium) and a scripted server.
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { ApiError } from '@/api/client'
import type { Log, LogInput } from '@/api/types'
import { memoryStore, type KeyValueStore } from './db'
import { createOutbox, type OutboxApi } from './outbox'

const T0 = Date.parse('2026-12-10T10:00:00Z')
const UID_A = '0190d6d2-0000-7000-8000-00000000000a'
const UID_B = '0190d6d2-0000-7000-8000-00000000000b'

const offline = () => new ApiError(0, 'network_error', 'Cannot reach the server.')

/** A server that keeps logs by uid (a repeat answers the same log) unless `next` says what to do with a request. */
function fakeServer() {
  const logs = new Map<string, Log>()
  const calls: Array<{ method: string; tracker: number; id?: number; input?: LogInput }> = []
  let nextId = 1
  const next: Array<() => never> = []
  const api: OutboxApi = {
    async createLog(tracker, input) {
      calls.push({ method: 'POST', tracker, input })
      next.shift()?.()
      const existing = logs.get(input.uid!)
      if (existing) return existing
      const log: Log = {
        id: nextId++,
        uid: input.uid!,
        tracker_id: tracker,
        value: input.value,
        logged_at: input.logged_at ?? new Date(T0).toISOString(),
        note: input.note ?? '',
        created_at: '',
        updated_at: '',
      }
      logs.set(log.uid, log)
      return log
    },
    async updateLog(tracker, id, input) {
      calls.push({ method: 'PATCH', tracker, id, input })
      next.shift()?.()
      const log = [...logs.values()].find((l) => l.id === id)
      if (!log) throw new ApiError(404, 'not_found', 'Not found.')
      Object.assign(log, input)
      return log
    },
    async deleteLog(tracker, id) {
      calls.push({ method: 'DELETE', tracker, id })
      next.shift()?.()
      const log = [...logs.values()].find((l) => l.id === id)
      if (!log) throw new ApiError(404, 'not_found', 'Not found.')
      logs.delete(log.uid)
    },
  }
  return {
    api,
    logs,
    calls,
    /** The next request fails with `e` (thrown before the server does anything). */
    failNext(e: ApiError) {
      next.push(() => {
        throw e
      })
    },
  }
}

function setup(opts: { store?: KeyValueStore; account?: number; online?: boolean; limit?: number } = {}) {
  const server = fakeServer()
  const clock = { now: T0 }
  const net = { online: opts.online ?? true }
  const account = ref<number | null>(opts.account ?? 7)
  const store = opts.store ?? memoryStore()
  const outbox = createOutbox({
    store,
    api: server.api,
    account,
    timezone: () => 'Europe/Paris',
    now: () => clock.now,
    online: () => net.online,
    limit: opts.limit,
  })
  return { server, clock, net, account, store, outbox }
}

describe('outbox: adding a log', () => {
  it('sends it at once when the server answers, and queues nothing', async () => {
    const { server, outbox } = setup()
    const log = await outbox.create(1, { value: 3, uid: UID_A })
    expect(log.id).toBe(1)
    expect(server.logs.size).toBe(1)
    expect(outbox.entries.value).toEqual([])
  })

  it('queues it when no answer comes, with its uid and the instant of the action, and sends that later', async () => {
    const { server, clock, outbox } = setup()
    server.failNext(offline())
    const pending = await outbox.create(1, { value: 3, note: 'run', uid: UID_A })
    expect(pending.id).toBeLessThan(0)
    expect(pending.logged_at).toBe('2026-12-10T11:00:00+01:00')
    expect(outbox.pendingLogs(1)).toHaveLength(1)

    clock.now = T0 + 3 * 3600_000 // sent three hours later
    expect(await outbox.flush()).toBe(1)
    const sent = server.calls.at(-1)!
    expect(sent.input).toEqual({ value: 3, note: 'run', logged_at: '2026-12-10T11:00:00+01:00', uid: UID_A })
    expect(outbox.entries.value).toEqual([])
    expect(server.logs.get(UID_A)!.value).toBe(3)
  })

  it('queues without trying when the browser is offline', async () => {
    const { server, outbox } = setup({ online: false })
    await outbox.create(1, { value: true, uid: UID_A })
    expect(server.calls).toEqual([])
    expect(outbox.waiting.value.map((e) => e.uid)).toEqual([UID_A])
  })

  it('rejects what the server refuses at once, as before (nothing queued)', async () => {
    const { server, outbox } = setup()
    server.failNext(new ApiError(422, 'validation_failed', 'Invalid input.', { value: 'must be at most 10' }))
    await expect(outbox.create(1, { value: 11, uid: UID_A })).rejects.toMatchObject({ status: 422 })
    expect(outbox.entries.value).toEqual([])
  })

  it('sends an item once even when sent twice, or flushed twice at the same time', async () => {
    const { server, net, outbox } = setup({ online: false })
    await outbox.create(1, { value: 1, uid: UID_A })
    net.online = true
    await Promise.all([outbox.flush(), outbox.flush()])
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(1)
    // The answer lost on the way: the server has it, the outbox sends it again with the same uid.
    net.online = false
    await outbox.create(1, { value: 1, uid: UID_A })
    net.online = true
    await outbox.flush()
    expect(server.logs.size).toBe(1)
  })

  it('refuses one more than the limit, rather than dropping anything', async () => {
    const { outbox } = setup({ online: false, limit: 1 })
    await outbox.create(1, { value: 1, uid: UID_A })
    await expect(outbox.create(1, { value: 2, uid: UID_B })).rejects.toMatchObject({ code: 'outbox_full' })
    expect(outbox.entries.value).toHaveLength(1)
  })

  it('without a signed-in account, fails as the request did (nothing to keep it for)', async () => {
    const { server, account, outbox } = setup()
    account.value = null
    server.failNext(offline())
    await expect(outbox.create(1, { value: 1, uid: UID_A })).rejects.toMatchObject({ code: 'network_error' })
  })
})

describe('outbox: sending', () => {
  it('keeps a refused item, with the reason, until it is fixed and sent again', async () => {
    const { server, net, outbox } = setup({ online: false })
    await outbox.create(1, { value: 11, uid: UID_A })
    net.online = true
    server.failNext(new ApiError(422, 'validation_failed', 'Invalid input.', { value: 'must be at most 10' }))
    expect(await outbox.flush()).toBe(0)
    expect(outbox.refused.value).toHaveLength(1)
    expect(outbox.refused.value[0]).toMatchObject({
      state: 'refused',
      status: 422,
      reason: 'Invalid input. (value must be at most 10)',
    })
    // Not sent again by itself.
    await outbox.flush()
    expect(server.calls.filter((c) => c.method === 'POST')).toHaveLength(1)

    expect(await outbox.retry(UID_A, { value: 9 })).toBe(1)
    expect(server.logs.get(UID_A)!.value).toBe(9)
    expect(outbox.entries.value).toEqual([])
  })

  it('says when the tracker is gone, and lets the item be discarded', async () => {
    const { server, net, outbox } = setup({ online: false })
    await outbox.create(1, { value: 1, uid: UID_A })
    net.online = true
    server.failNext(new ApiError(404, 'not_found', 'Not found.'))
    await outbox.flush()
    expect(outbox.refused.value[0].reason).toBe('The tracker no longer exists.')
    await outbox.discard(UID_A)
    expect(outbox.entries.value).toEqual([])
  })

  it('keeps waiting, in order, after a server error or no answer', async () => {
    const { server, net, outbox } = setup({ online: false })
    await outbox.create(1, { value: 1, uid: UID_A })
    await outbox.create(1, { value: 2, uid: UID_B })
    net.online = true
    server.failNext(new ApiError(503, 'unavailable', 'The server had a problem.'))
    expect(await outbox.flush()).toBe(0)
    expect(outbox.waiting.value.map((e) => e.uid)).toEqual([UID_A, UID_B])
    expect(server.calls).toHaveLength(1) // the second waits behind the first
    expect(await outbox.flush()).toBe(2)
  })

  it('tells its listeners what was sent', async () => {
    const { net, outbox } = setup({ online: false })
    const seen: string[] = []
    outbox.onSent((sent) => seen.push(...sent.map((e) => e.uid)))
    await outbox.create(4, { value: 1, uid: UID_A })
    net.online = true
    await outbox.flush()
    expect(seen).toEqual([UID_A])
  })
})

describe('outbox: edits and deletes', () => {
  it('an edit of a pending log changes what will be sent; a delete takes it out', async () => {
    const { server, net, outbox } = setup({ online: false })
    const a = await outbox.create(1, { value: 1, uid: UID_A })
    const b = await outbox.create(1, { value: 2, uid: UID_B })
    const edited = await outbox.update(a, { value: 5, note: 'more' })
    expect(edited).toMatchObject({ id: a.id, value: 5, note: 'more' })
    await outbox.remove(b)
    net.online = true
    await outbox.flush()
    expect([...server.logs.values()].map((l) => [l.uid, l.value, l.note])).toEqual([[UID_A, 5, 'more']])
    expect(server.calls.map((c) => c.method)).toEqual(['POST'])
  })

  it('an edit, then a delete, of a log the server has wait offline and are sent as one delete', async () => {
    const { server, net, outbox } = setup()
    const log = await outbox.create(1, { value: 1, uid: UID_A })
    net.online = false
    const shown = await outbox.update(log, { value: 4 })
    expect(shown.value).toBe(4)
    expect(outbox.applyQueued([log])[0].value).toBe(4)
    await outbox.remove(log)
    expect(outbox.applyQueued([log])).toEqual([])
    net.online = true
    await outbox.flush()
    expect(server.logs.size).toBe(0)
    expect(server.calls.map((c) => c.method)).toEqual(['POST', 'DELETE'])
  })

  it('an edit made online behind a queued one waits too, so that they arrive in order', async () => {
    const { server, net, outbox } = setup()
    const log = await outbox.create(1, { value: 1, uid: UID_A })
    net.online = false
    await outbox.update(log, { value: 2 })
    net.online = true
    await outbox.update(log, { note: 'later' })
    expect(server.calls.map((c) => c.method)).toEqual(['POST'])
    await outbox.flush()
    expect(server.logs.get(UID_A)).toMatchObject({ value: 2, note: 'later' })
  })

  it('an edit made while the pending log is on its way is sent after it, as an edit', async () => {
    const { server, net, outbox } = setup({ online: false })
    const pending = await outbox.create(1, { value: 1, uid: UID_A })
    net.online = true
    const original = server.api.createLog
    server.api.createLog = async (tracker, input) => {
      await outbox.update(pending, { value: 8 }) // the user edits it meanwhile
      return original(tracker, input)
    }
    await outbox.flush()
    server.api.createLog = original
    expect(outbox.waiting.value.map((e) => e.kind)).toEqual(['update'])
    await outbox.flush()
    expect(server.logs.get(UID_A)!.value).toBe(8)
  })
})

describe('outbox: accounts', () => {
  it('keeps each account its own queue, also across a reload', async () => {
    const store = memoryStore()
    const first = setup({ store, online: false, account: 7 })
    await first.outbox.create(1, { value: 1, uid: UID_A })

    first.account.value = 8
    await first.outbox.load()
    expect(first.outbox.entries.value).toEqual([])

    const reloaded = setup({ store, online: false, account: 7 })
    await reloaded.outbox.load()
    expect(reloaded.outbox.entries.value.map((e) => e.uid)).toEqual([UID_A])
  })
})
