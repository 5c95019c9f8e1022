// The one typed client of the qself API (docs/api.md). It is the only module
// that calls fetch. A 401 on an authenticated request forgets the token and
// calls `onUnauthorized`, which the app wires to "go to login, then come back".
import type {
  ArchivedFilter,
  Bucket,
  ErrorBody,
  Job,
  Log,
  LogInput,
  LogPage,
  LoginResult,
  ReportRequest,
  Stats,
  Tracker,
  TrackerInput,
  User,
  UserUpdate,
} from './types'

/** Any failed call: an HTTP error answered by the server, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly requestId: string | null
  readonly retryAfter: number | null

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    requestId: string | null = null,
    retryAfter: number | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.requestId = requestId
    this.retryAfter = retryAfter
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** A human sentence for any thrown value, for error banners. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return 'Something went wrong.'
}

export interface TokenStore {
  get(): string | null
  set(token: string | null): void
}

/** Keeps the token in localStorage so a session survives reloads. */
export function localStorageTokenStore(key = 'qself.token'): TokenStore {
  return {
    get() {
      try {
        return globalThis.localStorage?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    set(token) {
      try {
        if (token === null) globalThis.localStorage?.removeItem(key)
        else globalThis.localStorage?.setItem(key, token)
      } catch {
        // Private mode or storage disabled: the session lasts until reload.
      }
    },
  }
}

export function memoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial
  return {
    get: () => token,
    set: (t) => {
      token = t
    },
  }
}

export interface ApiClientOptions {
  /** Base URL including the version prefix, e.g. "/api/v1" or "http://127.0.0.1:8080/api/v1". */
  baseUrl?: string
  tokens?: TokenStore
  /** Called after a 401 on a request that carried a token. */
  onUnauthorized?: () => void
  fetch?: typeof globalThis.fetch
}

type Query = Record<string, string | number | undefined | null>

interface RequestOptions {
  body?: unknown
  query?: Query
  /** false for the requests that do not need a session (login, register). */
  auth?: boolean
  /** true where a 401 must not send the user to the login page (logout). */
  quiet401?: boolean
}

const NETWORK_MESSAGE = 'Cannot reach the server. Check your connection and try again.'

export function createApiClient(options: ApiClientOptions = {}) {
  const baseUrl = (options.baseUrl ?? '/api/v1').replace(/\/$/, '')
  const tokens = options.tokens ?? localStorageTokenStore()
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init))

  function url(path: string, query?: Query): string {
    let result = baseUrl + path
    if (query) {
      const params = new URLSearchParams()
      for (const [k, v] of Object.entries(query)) {
        if (v !== undefined && v !== null && v !== '') params.set(k, String(v))
      }
      const qs = params.toString()
      if (qs) result += '?' + qs
    }
    return result
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    const auth = opts.auth !== false
    const token = auth ? tokens.get() : null
    if (token) headers.Authorization = `Bearer ${token}`
    let body: string | undefined
    if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.body)
    }

    let response: Response
    try {
      response = await doFetch(url(path, opts.query), { method, headers, body })
    } catch {
      throw new ApiError(0, 'network_error', NETWORK_MESSAGE)
    }

    if (response.status === 204) return undefined as T
    const text = await response.text()
    let parsed: unknown = undefined
    if (text) {
      try {
        parsed = JSON.parse(text)
      } catch {
        parsed = undefined
      }
    }

    if (response.ok) {
      if (parsed === undefined && text) {
        throw new ApiError(response.status, 'bad_response', 'The server sent an answer that is not JSON.')
      }
      return parsed as T
    }

    const err = toApiError(response, parsed)
    if (response.status === 401 && auth && !opts.quiet401) {
      tokens.set(null)
      options.onUnauthorized?.()
    }
    throw err
  }

  return {
    tokens,

    // Accounts
    register: (input: { email: string; password: string; name?: string; timezone?: string }) =>
      request<{ user: User }>('POST', '/auth/register', { body: input, auth: false }),
    async login(email: string, password: string): Promise<LoginResult> {
      const result = await request<LoginResult>('POST', '/auth/login', {
        body: { email, password },
        auth: false,
      })
      tokens.set(result.token)
      return result
    },
    async logout(): Promise<void> {
      try {
        await request<void>('POST', '/auth/logout', { quiet401: true })
      } finally {
        tokens.set(null)
      }
    },
    me: () => request<{ user: User }>('GET', '/me'),
    updateMe: (input: UserUpdate) =>
      request<{ user: User }>('PATCH', '/me', { body: input }),
    async deleteMe(): Promise<void> {
      await request<void>('DELETE', '/me')
      tokens.set(null)
    },
    // Change password (POST /me/password) belongs here once the server offers it.

    // Trackers
    listTrackers: (archived: ArchivedFilter = 'false') =>
      request<{ items: Tracker[] }>('GET', '/trackers', { query: { archived } }),
    getTracker: (id: number) => request<Tracker>('GET', `/trackers/${id}`),
    createTracker: (input: TrackerInput) => request<Tracker>('POST', '/trackers', { body: input }),
    updateTracker: (id: number, input: TrackerInput, force = false) =>
      request<Tracker>('PATCH', `/trackers/${id}`, { body: force ? { ...input, force: true } : input }),
    deleteTracker: (id: number) => request<void>('DELETE', `/trackers/${id}`),
    reorderTrackers: (ids: number[]) =>
      request<{ items: Tracker[] }>('POST', '/trackers/reorder', { body: { ids } }),

    // Logs
    listLogs: (trackerId: number, q: { from?: string; to?: string; limit?: number; before?: string | null } = {}) =>
      request<LogPage>('GET', `/trackers/${trackerId}/logs`, { query: q }),
    createLog: (trackerId: number, input: LogInput) =>
      request<Log>('POST', `/trackers/${trackerId}/logs`, { body: input }),
    getLog: (trackerId: number, logId: number) => request<Log>('GET', `/trackers/${trackerId}/logs/${logId}`),
    updateLog: (trackerId: number, logId: number, input: LogInput) =>
      request<Log>('PATCH', `/trackers/${trackerId}/logs/${logId}`, { body: input }),
    deleteLog: (trackerId: number, logId: number) =>
      request<void>('DELETE', `/trackers/${trackerId}/logs/${logId}`),

    // Statistics
    stats: (trackerId: number, q: { from?: string; to?: string; bucket?: Bucket } = {}) =>
      request<Stats>('GET', `/trackers/${trackerId}/stats`, { query: q }),

    // Reports and jobs
    requestReport: (input: ReportRequest) => request<{ job: Job }>('POST', '/reports', { body: input }),
    getJob: (id: number) => request<{ job: Job }>('GET', `/jobs/${id}`),
  }
}

function toApiError(response: Response, parsed: unknown): ApiError {
  const requestId = response.headers.get('X-Request-Id')
  const retry = response.headers.get('Retry-After')
  const retryAfter = retry !== null && /^\d+$/.test(retry) ? Number(retry) : null
  const body = parsed as Partial<ErrorBody> | undefined
  if (body && typeof body === 'object' && body.error && typeof body.error.code === 'string') {
    return new ApiError(
      response.status,
      body.error.code,
      body.error.message || fallbackMessage(response.status),
      body.error.fields ?? {},
      body.request_id ?? requestId,
      retryAfter,
    )
  }
  return new ApiError(response.status, 'http_error', fallbackMessage(response.status), {}, requestId, retryAfter)
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Please log in again.'
  if (status === 404) return 'Not found.'
  if (status === 429) return 'Too many attempts. Wait a moment and try again.'
  if (status >= 500) return `The server had a problem (HTTP ${status}). Try again in a moment.`
  return `The request failed (HTTP ${status}).`
}

export type ApiClient = ReturnType<typeof createApiClient>
