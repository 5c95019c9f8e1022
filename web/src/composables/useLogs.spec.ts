// useLogs with the app's API client and a scripted server at the fetch
// boundary: each new log carries a uid, and one sent again after a failure
// keeps it, so that the server adds it once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { useLogs } from './useLogs'

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let posted: Array<{ uid?: string; value?: unknown }> = []
let failNextPost = false

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

beforeEach(() => {
  posted = []
  failNextPost = false
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    if (init.method !== 'POST') return reply(200, { items: [], next: null })
    const body = JSON.parse(String(init.body))
    posted.push(body)
    if (failNextPost) {
      failNextPost = false
      throw new TypeError('Failed to fetch') // the answer lost on the way
    }
    const now = '2026-02-18T10:00:00Z'
    return reply(201, {
      id: posted.length,
      tracker_id: 1,
      note: '',
      logged_at: now,
      created_at: now,
      updated_at: now,
      ...body,
    })
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('useLogs: adding a log', () => {
  it('sends a new uid with each new log', async () => {
    const logs = useLogs(ref(1))
    await logs.add({ value: 2 })
    await logs.add({ value: 2 })
    expect(posted).toHaveLength(2)
    expect(posted[0].uid).toMatch(UUID_V7)
    expect(posted[1].uid).toMatch(UUID_V7)
    expect(posted[1].uid).not.toBe(posted[0].uid)
  })

  it('sends the same log again after a failure with the same uid', async () => {
    const logs = useLogs(ref(1))
    failNextPost = true
    await expect(logs.add({ value: 3, note: 'after a run' })).rejects.toMatchObject({ code: 'network_error' })
    await logs.add({ value: 3, note: 'after a run' })
    expect(posted).toHaveLength(2)
    expect(posted[1].uid).toBe(posted[0].uid)
  })
})
