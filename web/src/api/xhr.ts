// File uploads with progress. fetch cannot report how much of a request body
// has gone out, XMLHttpRequest can; this wraps one in fetch's shape (same
// arguments, a Response back, a TypeError when there is no answer), so the
// API client treats both alike. Used only for uploads that show a progress bar.

/** fetch's signature, plus upload progress in bytes. */
export type UploadTransport = (
  url: string,
  init: RequestInit,
  onProgress: (loaded: number, total: number) => void,
) => Promise<Response>

/** The parts of XMLHttpRequest used here (a fake one in tests). */
export interface XhrLike {
  open(method: string, url: string): void
  setRequestHeader(name: string, value: string): void
  getAllResponseHeaders(): string
  send(body?: XMLHttpRequestBodyInit | null): void
  abort(): void
  readonly status: number
  readonly responseText: string
  upload: { onprogress: ((e: ProgressEvent) => void) | null }
  onload: (() => void) | null
  onerror: (() => void) | null
  onabort: (() => void) | null
  ontimeout: (() => void) | null
}

/** Statuses whose Response may not have a body. */
const NO_BODY = new Set([101, 204, 205, 304])

export function parseResponseHeaders(raw: string): Headers {
  const headers = new Headers()
  for (const line of raw.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim())
    } catch {
      // A header name fetch would refuse; not one the client reads.
    }
  }
  return headers
}

/** An UploadTransport over XMLHttpRequest; null where there is none (Node). */
export function xhrTransport(create?: () => XhrLike): UploadTransport | null {
  const make =
    create ?? (typeof XMLHttpRequest === 'undefined' ? null : () => new XMLHttpRequest() as unknown as XhrLike)
  if (!make) return null
  return (url, init, onProgress) =>
    new Promise<Response>((resolve, reject) => {
      const xhr = make()
      const signal = init.signal
      if (signal?.aborted) {
        reject(new DOMException('The upload was cancelled.', 'AbortError'))
        return
      }
      const onAbort = () => xhr.abort()
      const done = () => signal?.removeEventListener('abort', onAbort)
      signal?.addEventListener('abort', onAbort)

      xhr.open(init.method ?? 'GET', url)
      new Headers(init.headers).forEach((value, name) => xhr.setRequestHeader(name, value))
      const size = init.body instanceof Blob ? init.body.size : 0
      xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : size)
      xhr.onload = () => {
        done()
        if (xhr.status < 200 || xhr.status > 599) {
          reject(new TypeError('No usable answer.'))
          return
        }
        if (size) onProgress(size, size)
        const body = NO_BODY.has(xhr.status) || !xhr.responseText ? null : xhr.responseText
        resolve(new Response(body, { status: xhr.status, headers: parseResponseHeaders(xhr.getAllResponseHeaders()) }))
      }
      xhr.onerror = xhr.ontimeout = () => {
        done()
        reject(new TypeError('Network request failed.'))
      }
      xhr.onabort = () => {
        done()
        reject(new DOMException('The upload was cancelled.', 'AbortError'))
      }
      xhr.send((init.body ?? null) as XMLHttpRequestBodyInit | null)
    })
}
