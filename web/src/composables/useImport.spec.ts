// @vitest-environment node
// useImport with the real API client; fetch, the network boundary, is a
// scripted server that keeps every request, so what is sent when is visible.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { createApiClient, memoryTokenStore } from '@/api/client'
import type { ImportResult } from '@/api/types'
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

function serve() {
  answer = (req) => {
    if (req.path === '/api/v1/imports/preview') return { status: 200, body: importResult(false) }
    if (req.path === '/api/v1/imports') return { status: 200, body: importResult(true) }
    return { status: 404 }
  }
}

beforeEach(() => {
  seen = []
})

describe('useImport', () => {
  it('previews the file, then imports the same bytes on confirm', async () => {
    serve()
    const imp = useImport({ client: client() })
    expect(imp.stage.value).toBe('pick')
    const checking = imp.choose(daylio())
    expect(imp.stage.value).toBe('checking')
    expect(imp.busy.value).toBe(true)
    const preview = await checking
    expect(preview?.committed).toBe(false)
    expect(imp.stage.value).toBe('preview')
    expect(imp.preview.value?.trackers.map((t) => t.name)).toEqual(['Mood', 'reading'])
    expect(seen).toEqual([
      { method: 'POST', path: '/api/v1/imports/preview', type: 'application/octet-stream', body: DAYLIO },
    ])

    const done = await imp.confirm()
    expect(done?.committed).toBe(true)
    expect(imp.stage.value).toBe('done')
    expect(imp.result.value?.logs).toBe(2)
    expect(seen[1]).toEqual({ method: 'POST', path: '/api/v1/imports', type: 'application/octet-stream', body: DAYLIO })
    expect(imp.progress.value).toBeNull()
  })

  it('follows the upload progress', async () => {
    const seenProgress: Array<number | null> = []
    let release: (a: Answer) => void = () => undefined
    answer = () => new Promise<Answer>((r) => (release = r))
    const imp = useImport({ client: client() })
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(seen).toHaveLength(1)) // uploaded: the server has it
    seenProgress.push(imp.progress.value)
    expect(imp.sent.value).toBe(true) // all bytes out: the server is reading
    release({ status: 200, body: importResult(false) })
    await checking
    expect(seenProgress).toEqual([1])
  })

  it('shows why the server could not read the file, and goes back to picking', async () => {
    answer = () => ({
      status: 422,
      body: {
        error: {
          code: 'validation_failed',
          message: 'Some fields are not valid.',
          fields: { file: 'has no header row' },
        },
      },
    })
    const imp = useImport({ client: client() })
    expect(await imp.choose(new File(['\n'], 'empty.csv'))).toBeNull()
    expect(imp.stage.value).toBe('pick')
    expect(imp.fileError.value).toEqual({
      title: 'This file could not be read.',
      detail: 'The file has no header row.',
    })
    expect(imp.file.value?.name).toBe('empty.csv')
  })

  it('refuses an empty file without sending it', async () => {
    serve()
    const imp = useImport({ client: client() })
    expect(await imp.choose(new File([], 'empty.csv'))).toBeNull()
    expect(imp.fileError.value).toEqual({ title: 'This file could not be read.', detail: 'The file is empty.' })
    expect(seen).toHaveLength(0)
  })

  it('keeps the preview when the import itself fails, to try again', async () => {
    serve()
    const imp = useImport({ client: client() })
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
    const imp = useImport({ client: client() })
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(seen).toHaveLength(1)) // the server is reading it
    imp.reset()
    release({ status: 200, body: importResult(false) })
    expect(await checking).toBeNull()
    expect(imp.stage.value).toBe('pick')
    expect(imp.preview.value).toBeNull()
    expect(imp.error.value).toBeNull()
    expect(await imp.confirm()).toBeNull()
    expect(seen).toHaveLength(1)
  })

  it('a second file replaces the first', async () => {
    serve()
    const imp = useImport({ client: client() })
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
    const imp = scope.run(() => useImport({ client: hanging }))!
    const checking = imp.choose(daylio())
    await vi.waitFor(() => expect(started).toBe(true))
    expect(aborted).toBe(false)
    scope.stop()
    expect(aborted).toBe(true)
    expect(await checking).toBeNull()
    expect(imp.error.value).toBeNull()
  })
})
