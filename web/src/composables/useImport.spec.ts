// @vitest-environment node
// useImport with the real API client; fetch, the network boundary, is a
// scripted server that keeps every request, so what is sent when is visible.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope, watch } from 'vue'
import { createApiClient, memoryTokenStore } from '@/api/client'
import type { ImportResult, Job } from '@/api/types'
import { useImport } from './useImport'

interface Seen {
  method: string
  path: string
  type: string | null
  body: string
}
type Answer = { status: number; body?: unknown }

let seen: Seen[] = []
let answer: (req: Seen) => Answer | Promise<Answer> = () => ({ status: 404 })

async function fetchBoundary(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  if (init.signal?.aborted) throw new DOMException('Aborted', 'AbortError')
  const headers = new Headers(init.headers)
  const req: Seen = {
    method: init.method ?? 'GET',
    path: new URL(String(input)).pathname,
    type: headers.get('Content-Type'),
    body: init.body instanceof Blob ? await init.body.text() : String(init.body ?? ''),
  }
  seen.push(req)
  const a = await answer(req)
  if (init.signal?.aborted) throw new DOMException('Aborted', 'AbortError')
  return new Response(a.body === undefined ? null : JSON.stringify(a.body), {
    status: a.status,
    headers: { 'Content-Type': 'application/json' },
  })
}

/** Uploads report half, then all of the file, then go to the boundary. */
const client = () =>
  createApiClient({
    baseUrl: 'http://qself.test/api/v1',
    tokens: memoryTokenStore('tok'),
    fetch: fetchBoundary,
    upload: async (url, init, onProgress) => {
      const size = (init.body as Blob).size
      onProgress(size / 2, size)
      onProgress(size, size)
      return fetchBoundary(url, init)
    },
  })

const DAYLIO =
  'full_date,date,weekday,time,mood,activities,note_title,note\n2026-11-27,27 Nov,Friday,21:00,good,reading,,\n'
const daylio = () => new File([DAYLIO], 'daylio_export.csv', { type: 'text/csv' })

function importResult(committed: boolean): ImportResult {
  return {
    format: 'daylio',
    committed,
    trackers: [
      { name: 'Mood', type: 'choice', action: 'create', logs: 1, duplicates: 0 },
      { name: 'reading', type: 'boolean', action: 'create', logs: 1, duplicates: 0 },
    ],
    logs: 2,
    duplicates: 0,
    problems: [],
  }
}

/** A job as GET /jobs/{id} answers it. */
function job(id: number, mode: 'preview' | 'commit', status: Job['status'], extra: Partial<Job> = {}): Job {
  return {
    id,
    kind: 'import',
    mode,
    status,
    progress: status === 'done' ? 100 : 0,
    attempts: status === 'queued' ? 0 : 1,
    error: null,
    created_at: '2026-11-27T21:00:00Z',
    updated_at: '2026-11-27T21:00:00Z',
    ...extra,
  }
}

/**
 * The server: an upload queues a job (202), which is running halfway on its
 * first check and done on the next; a preview's file is committed by its id.
 */
function serve() {
  const checks = new Map<number, number>()
  answer = (req) => {
    if (req.method === 'POST' && req.path === '/api/v1/imports/preview')
      return { status: 202, body: { job: job(1, 'preview', 'queued') } }
    if (req.method === 'POST' && req.path === '/api/v1/imports/1/commit')
      return { status: 202, body: { job: job(2, 'commit', 'queued') } }
    if (req.method === 'POST' && req.path === '/api/v1/imports')
      return { status: 202, body: { job: job(3, 'commit', 'queued') } }
    const polled = /^\/api\/v1\/jobs\/(\d+)$/.exec(req.path)
    if (req.method === 'GET' && polled) {
      const id = Number(polled[1])
      const n = (checks.get(id) ?? 0) + 1
      checks.set(id, n)
      const mode = id === 1 ? 'preview' : 'commit'
      if (n === 1) return { status: 200, body: { job: job(id, mode, 'running', { progress: 50 }) } }
      return { status: 200, body: { job: job(id, mode, 'done', { result: importResult(mode === 'commit') }) } }
    }
    return { status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } }
  }
}

beforeEach(() => {
  seen = []
})

describe('useImport', () => {
  it('previews the file in a job, then imports the file the server kept, without sending it again', async () => {
    serve()
    const imp = useImport({ client: client(), interval: 1 })
    expect(imp.stage.value).toBe('pick')
    const checking = imp.choose(daylio())
    expect(imp.stage.value).toBe('checking')
    expect(imp.busy.value).toBe(true)
    const preview = await checking
    expect(preview?.committed).toBe(false)
    expect(imp.stage.value).toBe('preview')
    expect(imp.preview.value?.trackers.map((t) => t.name)).toEqual(['Mood', 'reading'])
    expect(seen.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/imports/preview',
      'GET /api/v1/jobs/1',
      'GET /api/v1/jobs/1',
    ])
    expect(seen[0]).toEqual({
      method: 'POST',
      path: '/api/v1/imports/preview',
      type: 'application/octet-stream',
      body: DAYLIO,
    })

    const done = await imp.confirm()
    expect(done?.committed).toBe(true)
    expect(imp.stage.value).toBe('done')
    expect(imp.result.value?.logs).toBe(2)
    expect(seen.slice(3).map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v1/imports/1/commit',
      'GET /api/v1/jobs/2',
      'GET /api/v1/jobs/2',
    ])
    expect(seen.every((r) => r.path === '/api/v1/imports/preview' || !r.body.includes('full_date'))).toBe(true)
    expect(imp.progress.value).toBeNull()
  })

  it('sends the file again when the server no longer keeps it', async () => {
    serve()
    const imp = useImport({ client: client(), interval: 1 })
    await imp.choose(daylio())
    const server = answer
    answer = (req) =>
      req.path === '/api/v1/imports/1/commit'
        ? {
            status: 404,
            body: { error: { code: 'not_found', message: 'This file is no longer kept: choose it again.' } },
          }
        : server(req)
    expect((await imp.confirm())?.committed).toBe(true)
    expect(seen.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      '/api/v1/imports/preview',
      '/api/v1/imports/1/commit',
      '/api/v1/imports',
    ])
    expect(seen.at(-3)?.body).toBe(DAYLIO)
  })

  it('follows the upload, then the job', async () => {
    serve()
    const server = answer
    let release: () => void = () => undefined
    const held = new Promise<void>((r) => (release = r))
    answer = async (req) => {
      if (req.path === '/api/v1/jobs/1') await held
      return server(req)
    }
    const imp = useImport({ client: client(), interval: 1 })
    const shares: Array<number | null> = []
    watch(imp.working, (share) => shares.push(share), { flush: 'sync' })
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(seen).toHaveLength(2)) // uploaded, and its job asked for
    expect(imp.sent.value).toBe(true) // all bytes out: the server is reading
    expect(imp.working.value).toBeNull() // queued: not started
    release()
    await checking
    expect(shares).toEqual([0.5, 1]) // running halfway, then done
  })

  it('shows why the server could not read the file, and goes back to picking', async () => {
    answer = (req) =>
      req.method === 'POST'
        ? { status: 202, body: { job: job(1, 'preview', 'queued') } }
        : { status: 200, body: { job: job(1, 'preview', 'failed', { error: 'The file has no header row.' }) } }
    const imp = useImport({ client: client(), interval: 1 })
    expect(await imp.choose(new File(['\n'], 'empty.csv'))).toBeNull()
    expect(imp.stage.value).toBe('pick')
    expect(imp.fileError.value).toEqual({
      title: 'This file could not be read.',
      detail: 'The file has no header row.',
    })
    expect(imp.file.value?.name).toBe('empty.csv')
  })

  it('says when another import of the account is still running', async () => {
    answer = () => ({
      status: 409,
      body: { error: { code: 'import_running', message: 'One of your imports is still waiting or running.' } },
    })
    const imp = useImport({ client: client(), interval: 1 })
    expect(await imp.choose(daylio())).toBeNull()
    expect(imp.stage.value).toBe('pick')
    expect(imp.error.value).toMatchObject({ status: 409, code: 'import_running' })
    expect(imp.fileError.value).toBeNull()
  })

  it('refuses an empty file without sending it', async () => {
    serve()
    const imp = useImport({ client: client(), interval: 1 })
    expect(await imp.choose(new File([], 'empty.csv'))).toBeNull()
    expect(imp.fileError.value).toEqual({ title: 'This file could not be read.', detail: 'The file is empty.' })
    expect(seen).toHaveLength(0)
  })

  it('keeps the preview when the import itself fails, to try again', async () => {
    serve()
    const imp = useImport({ client: client(), interval: 1 })
    await imp.choose(daylio())
    answer = () => ({ status: 503, body: { error: { code: 'busy', message: 'The server is busy.' } } })
    expect(await imp.confirm()).toBeNull()
    expect(imp.stage.value).toBe('preview')
    expect(imp.error.value).toMatchObject({ status: 503 })
    serve()
    expect((await imp.confirm())?.committed).toBe(true)
    expect(imp.error.value).toBeNull()
  })

  it('Cancel while checking drops the answer and sends nothing more', async () => {
    let release: (a: Answer) => void = () => undefined
    answer = () => new Promise<Answer>((r) => (release = r))
    const imp = useImport({ client: client(), interval: 1 })
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(seen).toHaveLength(1)) // the server is reading it
    imp.reset()
    release({ status: 202, body: { job: job(1, 'preview', 'queued') } })
    expect(await checking).toBeNull()
    expect(imp.stage.value).toBe('pick')
    expect(imp.preview.value).toBeNull()
    expect(imp.error.value).toBeNull()
    expect(await imp.confirm()).toBeNull()
    expect(seen).toHaveLength(1)
  })

  it('a second file replaces the first', async () => {
    serve()
    const imp = useImport({ client: client(), interval: 1 })
    const first = imp.choose(new File(['a'], 'a.csv'))
    const second = imp.choose(daylio())
    expect(await first).toBeNull()
    expect(await second).not.toBeNull()
    expect(imp.file.value?.name).toBe('daylio_export.csv')
    expect(imp.stage.value).toBe('preview')
  })

  it('cancels an upload on its way when its scope ends (leaving the page)', async () => {
    let started = false
    let aborted = false
    const hanging = createApiClient({
      baseUrl: 'http://qself.test/api/v1',
      tokens: memoryTokenStore('tok'),
      upload: (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          started = true
          init.signal?.addEventListener('abort', () => {
            aborted = true
            reject(new DOMException('Aborted', 'AbortError'))
          })
        }),
    })
    const scope = effectScope()
    const imp = scope.run(() => useImport({ client: hanging, interval: 1 }))!
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(started).toBe(true))
    expect(aborted).toBe(false)
    scope.stop()
    expect(aborted).toBe(true)
    expect(await checking).toBeNull()
    expect(imp.error.value).toBeNull()
  })
})
