// @vitest-environment node
// useReportJob with the real API client; only fetch, the network boundary, is
// replaced by a scripted server, so timers can be faked and every request seen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createApiClient, memoryTokenStore } from '@/api/client'
import type { Job } from '@/api/types'
import { POLL_INTERVAL_MS, useReportJob } from './useReportJob'

interface Seen {
  method: string
  path: string
  auth: string | null
  body: unknown
}
type Answer = { status: number; body?: unknown } | 'offline'

let seen: Seen[] = []
let answer: (req: Seen) => Answer | Promise<Answer> = () => ({ status: 404 })

async function fetchBoundary(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  const req: Seen = {
    method: init.method ?? 'GET',
    path: new URL(String(input)).pathname,
    auth: headers.get('Authorization'),
    body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
  }
  seen.push(req)
  const a = await answer(req)
  if (a === 'offline') throw new TypeError('fetch failed')
  return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
    status: a.status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'r1' },
  })
}

const client = () =>
  createApiClient({ baseUrl: 'http://qself.test/api/v1', tokens: memoryTokenStore('tok'), fetch: fetchBoundary })

function job(over: Partial<Job> = {}): Job {
  return {
    id: 42,
    kind: 'report',
    status: 'queued',
    progress: 0,
    attempts: 0,
    error: null,
    created_at: '2026-11-28T12:00:00Z',
    updated_at: '2026-11-28T12:00:00Z',
    ...over,
  }
}

/** POST /reports answers 202 with a queued job; each GET /jobs/42 takes the next state (the last one sticks). */
function serve(states: Array<Partial<Job> | Answer>) {
  let i = 0
  answer = (req) => {
    if (req.method === 'POST' && req.path === '/api/v1/reports') return { status: 202, body: { job: job() } }
    if (req.method === 'GET' && req.path === '/api/v1/jobs/42') {
      const s = states[Math.min(i++, states.length - 1)]
      if (s === 'offline' || (typeof s === 'object' && 'status' in s && typeof s.status === 'number'))
        return s as Answer
      return { status: 200, body: { job: job(s as Partial<Job>) } }
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } }
  }
}

const checks = () => seen.filter((r) => r.method === 'GET').length
const REQUEST = { from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' }

beforeEach(() => {
  seen = []
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('useReportJob', () => {
  it('requests the report, then checks the job every 700 ms until it is done', async () => {
    serve([
      { status: 'queued' },
      { status: 'running', progress: 40 },
      { status: 'running', progress: 90 },
      { status: 'done', progress: 100 },
    ])
    const r = useReportJob({ client: client() })
    const first = await r.start({ tracker_ids: [3], ...REQUEST })

    expect(first).toMatchObject({ id: 42, status: 'queued' })
    expect(seen[0]).toEqual({
      method: 'POST',
      path: '/api/v1/reports',
      auth: 'Bearer tok',
      body: { tracker_ids: [3], ...REQUEST },
    })
    expect(r.polling.value).toBe(true)

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS - 1)
    expect(checks()).toBe(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(checks()).toBe(1)
    expect(seen[1]).toMatchObject({ method: 'GET', path: '/api/v1/jobs/42', auth: 'Bearer tok' })
    expect(r.job.value?.status).toBe('queued')

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(r.job.value).toMatchObject({ status: 'running', progress: 40 })
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(r.job.value?.progress).toBe(90)
    expect(r.finished.value).toBe(false)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(r.job.value).toMatchObject({ status: 'done', progress: 100 })
    expect(r.finished.value).toBe(true)
    expect(r.polling.value).toBe(false)

    await vi.advanceTimersByTimeAsync(60_000)
    expect(checks()).toBe(4)
  })

  it("stops at failed and keeps the job's error", async () => {
    serve([
      { status: 'running', progress: 10 },
      { status: 'failed', attempts: 5, error: 'SMTP server said 550: mailbox unavailable' },
    ])
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 2)
    expect(r.job.value).toMatchObject({ status: 'failed', error: 'SMTP server said 550: mailbox unavailable' })
    expect(r.polling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(checks()).toBe(2)
  })

  it('stops checking when its scope goes away, as when the dialog closes', async () => {
    serve([{ status: 'queued' }])
    const scope = effectScope()
    const r = scope.run(() => useReportJob({ client: client() }))!
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 3)
    expect(checks()).toBe(3)
    scope.stop()
    expect(r.polling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(60_000)
    expect(checks()).toBe(3)
  })

  it('drops the answer of a check that was on its way when stopped', async () => {
    let release: (a: Answer) => void = () => undefined
    answer = (req) =>
      req.method === 'POST'
        ? { status: 202, body: { job: job() } }
        : new Promise<Answer>((resolve) => {
            release = resolve
          })
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(checks()).toBe(1)
    r.stop()
    release({ status: 200, body: { job: job({ status: 'running', progress: 50 }) } })
    await vi.advanceTimersByTimeAsync(10_000)
    expect(r.job.value?.status).toBe('queued')
    expect(checks()).toBe(1)
  })

  it('never asks twice at once: a slow answer holds the next check back', async () => {
    let release: (a: Answer) => void = () => undefined
    answer = (req) =>
      req.method === 'POST'
        ? { status: 202, body: { job: job() } }
        : new Promise<Answer>((resolve) => {
            release = resolve
          })
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10)
    expect(checks()).toBe(1)
    release({ status: 200, body: { job: job({ status: 'running', progress: 5 }) } })
    await vi.advanceTimersByTimeAsync(0)
    expect(r.job.value?.progress).toBe(5)
    expect(checks()).toBe(1)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(checks()).toBe(2)
    r.stop()
  })

  it('keeps the field errors of a refused report and does not poll', async () => {
    answer = () => ({
      status: 422,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid.',
          fields: { to: 'must be after from' },
        },
      },
    })
    const r = useReportJob({ client: client() })
    expect(await r.start(REQUEST)).toBeNull()
    expect(r.error.value).toMatchObject({ status: 422, fields: { to: 'must be after from' } })
    expect(r.submitting.value).toBe(false)
    expect(r.polling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(seen).toHaveLength(1)
  })

  it('keeps trying, more slowly, while the server cannot be reached, and recovers', async () => {
    serve([
      'offline',
      { status: 503, body: { error: { code: 'busy', message: 'Busy.' } } },
      { status: 'done', progress: 100 },
    ])
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(r.pollError.value).toMatchObject({ status: 0, code: 'network_error' })
    expect(r.polling.value).toBe(true)
    // Two intervals after one failure, four after two.
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 2 - 1)
    expect(checks()).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(checks()).toBe(2)
    expect(r.pollError.value).toMatchObject({ status: 503 })
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 4)
    expect(checks()).toBe(3)
    expect(r.job.value?.status).toBe('done')
    expect(r.pollError.value).toBeNull()
    expect(r.polling.value).toBe(false)
  })

  it('gives up on a job the server does not know (404)', async () => {
    serve([{ status: 404, body: { error: { code: 'not_found', message: 'No such job.' } } }])
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(r.pollError.value).toMatchObject({ status: 404, message: 'No such job.' })
    expect(r.polling.value).toBe(false)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(checks()).toBe(1)
  })

  it('forgets the previous job when started again', async () => {
    serve([{ status: 'queued' }])
    const r = useReportJob({ client: client() })
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    r.reset()
    expect(r.job.value).toBeNull()
    await r.start(REQUEST)
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    // One check for each start: the first job's timer did not survive.
    expect(checks()).toBe(2)
    expect(seen.filter((s) => s.method === 'POST')).toHaveLength(2)
    r.stop()
  })
})
