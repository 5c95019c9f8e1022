// @vitest-environment node
// useExport with the real API client and a scripted server at the fetch
// boundary: the export job is followed like a report, then its file is fetched
// with the token and handed to `save`.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, memoryTokenStore } from '@/api/client'
import type { Job } from '@/api/types'
import { POLL_INTERVAL_MS } from './useJob'
import { isExpired, useExport } from './useExport'

interface Seen {
  method: string
  path: string
  auth: string | null
  body: unknown
}
let seen: Seen[] = []
let jobStates: Array<Partial<Job>> = []
let downloadStatus = 200
/** The format of an export already waiting on the server, which POST /exports then answers. */
let waiting: 'json' | 'csv' | null = null

const NOW = Date.parse('2026-11-29T10:00:00Z')

function job(over: Partial<Job> = {}): Job {
  return {
    id: 7,
    kind: 'export',
    format: 'json',
    status: 'queued',
    progress: 0,
    attempts: 0,
    error: null,
    created_at: '',
    updated_at: '',
    ...over,
  }
}
const DONE: Partial<Job> = {
  status: 'done',
  progress: 100,
  download_url: '/api/v1/exports/7/download',
  expires_at: '2026-11-30T10:00:00Z',
}

async function fetchBoundary(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const req: Seen = {
    method: init.method ?? 'GET',
    path: new URL(String(input)).pathname,
    auth: new Headers(init.headers).get('Authorization'),
    body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
  }
  seen.push(req)
  const asJson = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
  if (req.method === 'POST' && req.path === '/api/v1/exports') {
    const asked = (req.body as { format: 'json' | 'csv' }).format
    return waiting ? asJson(200, { job: job({ format: waiting }) }) : asJson(202, { job: job({ format: asked }) })
  }
  if (req.path === '/api/v1/jobs/7') return asJson(200, { job: job(jobStates.shift() ?? DONE) })
  if (req.path === '/api/v1/exports/7/download') {
    if (downloadStatus !== 200)
      return asJson(downloadStatus, { error: { code: 'not_found', message: 'This export has expired.' } })
    return new Response('{"format":"qself"}', {
      headers: {
        'Content-Type': 'application/json',
        'Content-Disposition': 'attachment; filename="qself-export-2026-11-29.json"',
      },
    })
  }
  return asJson(404, { error: { code: 'not_found', message: 'No such route.' } })
}

const client = () =>
  createApiClient({ baseUrl: 'http://qself.test/api/v1', tokens: memoryTokenStore('tok'), fetch: fetchBoundary })

function memoryStorage() {
  const data = new Map<string, string>()
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  }
}

beforeEach(() => {
  seen = []
  jobStates = []
  downloadStatus = 200
  waiting = null
  vi.useFakeTimers()
})
afterEach(() => vi.useRealTimers())

describe('useExport', () => {
  it('starts an export, follows it to done, then downloads and saves the file', async () => {
    jobStates = [{ status: 'running', progress: 50 }, DONE]
    const saved: Array<[string, string]> = []
    const storage = memoryStorage()
    const exp = useExport({
      client: client(),
      storage,
      now: () => NOW,
      save: async (blob, name) => void saved.push([name, await blob.text()]),
    })

    await exp.start('json', 1)
    expect(seen[0]).toEqual({ method: 'POST', path: '/api/v1/exports', auth: 'Bearer tok', body: { format: 'json' } })
    expect(exp.job.value?.status).toBe('queued')
    expect(exp.ready.value).toBe(false)
    expect(JSON.parse(storage.data.get('qself.export')!)).toEqual({ id: 7, format: 'json', user: 1 })

    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(exp.job.value).toMatchObject({ status: 'running', progress: 50 })
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    expect(exp.ready.value).toBe(true)
    expect(exp.polling.value).toBe(false)

    await exp.download()
    await vi.advanceTimersByTimeAsync(0)
    expect(seen.at(-1)).toEqual({
      method: 'GET',
      path: '/api/v1/exports/7/download',
      auth: 'Bearer tok',
      body: undefined,
    })
    expect(saved).toEqual([['qself-export-2026-11-29.json', '{"format":"qself"}']])
    expect(exp.downloaded.value).toBe('qself-export-2026-11-29.json')
  })

  it('stays queued while no worker picks the job up, checking all the while', async () => {
    jobStates = Array(10).fill({ status: 'queued' })
    const exp = useExport({ client: client(), storage: null })
    await exp.start('csv')
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5)
    expect(exp.job.value?.status).toBe('queued')
    expect(exp.polling.value).toBe(true)
    expect(exp.format.value).toBe('csv')
    exp.stop()
  })

  it('shows the format of the export the server answered, when one was already waiting', async () => {
    waiting = 'json'
    jobStates = Array(3).fill({ status: 'queued' })
    const storage = memoryStorage()
    const exp = useExport({ client: client(), storage })
    await exp.start('csv', 1)
    expect(seen[0].body).toEqual({ format: 'csv' })
    expect(exp.format.value).toBe('json') // the waiting JSON export is the one shown, not a CSV one
    expect(JSON.parse(storage.data.get('qself.export')!)).toEqual({ id: 7, format: 'json', user: 1 })
    exp.stop()
  })

  it('shows why a download failed', async () => {
    downloadStatus = 404
    const exp = useExport({ client: client(), storage: null, now: () => NOW, save: () => undefined })
    jobStates = [DONE]
    await exp.start('json')
    await vi.advanceTimersByTimeAsync(POLL_INTERVAL_MS)
    await exp.download()
    expect(exp.downloadError.value).toMatchObject({ status: 404, message: 'This export has expired.' })
    expect(exp.downloaded.value).toBeNull()
  })

  it("comes back to this tab's last export of the same account", async () => {
    const storage = memoryStorage()
    storage.setItem('qself.export', JSON.stringify({ id: 7, format: 'csv', user: 1 }))
    jobStates = [{ ...DONE, format: 'csv' }]
    const exp = useExport({ client: client(), storage, now: () => NOW })
    await exp.restore(1)
    expect(seen).toEqual([{ method: 'GET', path: '/api/v1/jobs/7', auth: 'Bearer tok', body: undefined }])
    expect(exp.ready.value).toBe(true)
    expect(exp.format.value).toBe('csv')

    // Not another account's.
    seen = []
    const other = useExport({ client: client(), storage, now: () => NOW })
    await other.restore(2)
    expect(seen).toHaveLength(0)
    expect(other.job.value).toBeNull()
  })

  it('forgets a remembered export that has expired or is gone', async () => {
    const storage = memoryStorage()
    storage.setItem('qself.export', JSON.stringify({ id: 7, format: 'json', user: 1 }))
    jobStates = [DONE]
    const later = Date.parse('2026-12-01T00:00:00Z')
    const exp = useExport({ client: client(), storage, now: () => later })
    await exp.restore(1)
    expect(exp.job.value).toBeNull()
    expect(storage.data.has('qself.export')).toBe(false)

    storage.setItem('qself.export', JSON.stringify({ id: 99, format: 'json', user: 1 }))
    const gone = useExport({ client: client(), storage })
    await gone.restore(1)
    expect(gone.job.value).toBeNull()
    expect(gone.error.value).toBeNull()
    expect(storage.data.has('qself.export')).toBe(false)
  })

  it('isExpired compares expires_at with now', () => {
    expect(isExpired(job(DONE), NOW)).toBe(false)
    expect(isExpired(job(DONE), Date.parse('2026-11-30T10:00:00Z'))).toBe(true)
    expect(isExpired(job(), NOW)).toBe(false)
    expect(isExpired(null, NOW)).toBe(false)
  })
})
