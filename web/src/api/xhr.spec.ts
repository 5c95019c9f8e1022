// @vitest-environment node
// The XMLHttpRequest transport of uploads, against a scripted XMLHttpRequest:
// what it sends, the progress it reports, and the Response it makes.
import { describe, expect, it } from 'vitest'
import { parseResponseHeaders, xhrTransport, type XhrLike } from './xhr'

class FakeXhr implements XhrLike {
  static last: FakeXhr
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: unknown = undefined
  aborted = false
  status = 0
  responseText = ''
  rawHeaders = ''
  upload: XhrLike['upload'] = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  ontimeout: (() => void) | null = null
  constructor() {
    FakeXhr.last = this
  }
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  getAllResponseHeaders() {
    return this.rawHeaders
  }
  send(body: unknown) {
    this.body = body
  }
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent)
  }
  answer(status: number, text: string, headers = '') {
    this.status = status
    this.responseText = text
    this.rawHeaders = headers
    this.onload?.()
  }
}

const transport = xhrTransport(() => new FakeXhr())!
const file = new Blob(['0123456789'])

describe('xhrTransport', () => {
  it('is unavailable where there is no XMLHttpRequest', () => {
    expect(xhrTransport()).toBeNull()
  })

  it('sends the method, headers and file, reports progress, and answers a Response', async () => {
    const steps: Array<[number, number]> = []
    const pending = transport(
      '/api/v1/imports/preview',
      {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/octet-stream' },
        body: file,
      },
      (loaded, total) => steps.push([loaded, total]),
    )
    const xhr = FakeXhr.last
    expect(xhr.method).toBe('POST')
    expect(xhr.url).toBe('/api/v1/imports/preview')
    expect(xhr.headers).toEqual({ authorization: 'Bearer t', 'content-type': 'application/octet-stream' })
    expect(xhr.body).toBe(file)
    xhr.progress(4, 10)
    xhr.progress(10, 10)
    xhr.answer(200, '{"logs":3}', 'Content-Type: application/json\r\nX-Request-Id: r9\r\n')
    const response = await pending
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('r9')
    expect(await response.json()).toEqual({ logs: 3 })
    expect(steps).toEqual([
      [4, 10],
      [10, 10],
      [10, 10],
    ])
  })

  it('answers error statuses as Responses too, with their body', async () => {
    const pending = transport('/x', { method: 'POST', body: file }, () => undefined)
    FakeXhr.last.answer(422, '{"error":{"code":"validation_failed"}}', 'content-type: application/json')
    const response = await pending
    expect(response.status).toBe(422)
    expect(await response.text()).toContain('validation_failed')
  })

  it('gives a 204 no body', async () => {
    const pending = transport('/x', { method: 'POST', body: file }, () => undefined)
    FakeXhr.last.answer(204, '')
    expect((await pending).status).toBe(204)
  })

  it('rejects like fetch when there is no answer', async () => {
    const pending = transport('/x', { method: 'POST', body: file }, () => undefined)
    FakeXhr.last.onerror?.()
    await expect(pending).rejects.toBeInstanceOf(TypeError)
    const zero = transport('/x', { method: 'POST', body: file }, () => undefined)
    FakeXhr.last.answer(0, '')
    await expect(zero).rejects.toBeInstanceOf(TypeError)
  })

  it('aborts the request when the signal fires', async () => {
    const controller = new AbortController()
    const pending = transport('/x', { method: 'POST', body: file, signal: controller.signal }, () => undefined)
    const xhr = FakeXhr.last
    controller.abort()
    expect(xhr.aborted).toBe(true)
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect(
      transport('/x', { method: 'POST', body: file, signal: controller.signal }, () => undefined),
    ).rejects.toMatchObject({
      name: 'AbortError',
    })
  })
})

describe('parseResponseHeaders', () => {
  it('reads the raw header block, skipping junk', () => {
    const h = parseResponseHeaders(
      'Content-Type: text/csv\r\nContent-Disposition: attachment; filename="a:b.csv"\r\nnonsense\r\n\r\n',
    )
    expect(h.get('content-type')).toBe('text/csv')
    expect(h.get('content-disposition')).toBe('attachment; filename="a:b.csv"')
  })
})
