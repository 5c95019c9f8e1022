// The one typed client of the qself API (docs/api.md). It is the only module
// that calls fetch (file uploads with a progress bar go through ./xhr.ts, an
// XMLHttpRequest made to look like fetch, loaded on first use). A 401 on an
// authenticated request forgets the token and calls `onUnauthorized`, which
// the app wires to "go to login, then come back".
import type {
  ArchivedFilter,
  Bucket,
  CheckEmail,
  CreatedToken,
  Day,
  DownloadedFile,
  ErrorBody,
  ExportFormat,
  Insights,
  Job,
  Log,
  LogInput,
  LogPage,
  LoginResult,
  PersonalToken,
  PushActionInput,
  PushDevice,
  PushDeviceInput,
  PushWebhookInput,
  ReportRequest,
  Session,
  Stats,
  TokenScope,
  Tracker,
  TrackerInput,
  User,
  UserUpdate,
  ValueMapping,
  ValueToMap,
} from './types'
import type { UploadTransport } from './xhr'

/** Any failed call: an HTTP error answered by the server, or no answer at all (status 0). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly requestId: string | null
  readonly retryAfter: number | null
  /** For `mapping_required`: each logged value the change must be told about. */
  readonly values: ValueToMap[]
  /** For a 401: why a token that worked no longer does ("password_changed"), when the server says. */
  readonly reason: string | null

  constructor(
    status: number,
    code: string,
    message: string,
    fields: Record<string, string> = {},
    requestId: string | null = null,
    retryAfter: number | null = null,
    values: ValueToMap[] = [],
    reason: string | null = null,
  ) {
    super(message)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fields = fields
    this.requestId = requestId
    this.retryAfter = retryAfter
    this.values = values
    this.reason = reason
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

/** A request the caller cancelled (its AbortSignal fired). */
export function isAborted(e: unknown): boolean {
  return e instanceof ApiError && e.code === 'aborted'
}

/** A human sentence for any thrown value, for error banners. */
/** How long `seconds` is, in words, rounded up: "40 seconds", "2 minutes", "1 hour". */
export function waitText(seconds: number): string {
  const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (seconds < 60) return count(Math.max(1, Math.ceil(seconds)), 'second')
  if (seconds < 3600) return count(Math.ceil(seconds / 60), 'minute')
  return count(Math.ceil(seconds / 3600), 'hour')
}

export function errorMessage(e: unknown): string {
  // A 429 says how long to wait: the message says it too.
  if (e instanceof ApiError && e.status === 429 && e.retryAfter) {
    return `${e.message} You can try again in ${waitText(e.retryAfter)}.`
  }
  if (e instanceof ApiError) return e.message
  if (e instanceof Error && e.message) return e.message
  return 'Something went wrong.'
}

export interface TokenStore {
  get(): string | null
  set(token: string | null): void
}

/** localStorage, where there is one (the service worker, which also uses this client, has none). */
function localStorageOf(): KeyStorage | undefined {
  return (globalThis as { localStorage?: KeyStorage }).localStorage
}
interface KeyStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/** Keeps the token in localStorage so a session survives reloads. */
export function localStorageTokenStore(key = 'qself.token'): TokenStore {
  return {
    get() {
      try {
        return localStorageOf()?.getItem(key) ?? null
      } catch {
        return null
      }
    },
    set(token) {
      try {
        if (token === null) localStorageOf()?.removeItem(key)
        else localStorageOf()?.setItem(key, token)
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
  /** Called after a 401 on a request that carried a token, with that 401 (its `reason` says why, when known). */
  onUnauthorized?: (error: ApiError) => void
  fetch?: typeof globalThis.fetch
  /**
   * Sends file uploads when the caller wants upload progress. Defaults to
   * XMLHttpRequest where there is one; null sends them with fetch, without progress.
   */
  upload?: UploadTransport | null
}

/** Bytes sent so far of a file upload. */
export interface UploadProgress {
  loaded: number
  total: number
}

type Query = Record<string, string | number | undefined | null>

interface RequestOptions {
  body?: unknown
  /** A file sent as the raw body (application/octet-stream) instead of JSON. */
  file?: Blob
  query?: Query
  /** false for the requests that do not need a session (login, register). */
  auth?: boolean
  /** true where a 401 must not send the user to the login page (logout). */
  quiet401?: boolean
  signal?: AbortSignal
  /** Upload progress of `file`, when the upload transport can tell. */
  onUploadProgress?: (progress: UploadProgress) => void
  /** A path already including the base (a link the server gave), instead of one under it. */
  href?: string
}

const NETWORK_MESSAGE = 'Cannot reach the server. Check your connection and try again.'

/** The largest file POST /imports takes (64 MiB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024

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

  /** A link from the server ("/api/v1/exports/7/download"): only a path on this server, as the token goes with it. */
  function linkUrl(link: string): string {
    if (!link.startsWith('/') || link.startsWith('//')) {
      throw new ApiError(0, 'bad_link', 'The server sent a link that is not on this server.')
    }
    return /^https?:\/\//i.test(baseUrl) ? new URL(link, baseUrl).href : link
  }

  /** Sends a request; resolves with a successful response, or throws an ApiError. */
  async function send(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' }
    const auth = opts.auth !== false
    const token = auth ? tokens.get() : null
    if (token) headers.Authorization = `Bearer ${token}`
    let body: BodyInit | undefined
    if (opts.file !== undefined) {
      headers['Content-Type'] = 'application/octet-stream'
      body = opts.file
    } else if (opts.body !== undefined) {
      headers['Content-Type'] = 'application/json'
      body = JSON.stringify(opts.body)
    }

    const target = opts.href !== undefined ? linkUrl(opts.href) : url(path, opts.query)
    const init: RequestInit = { method, headers, body, signal: opts.signal }
    const progress = opts.onUploadProgress
    let response: Response
    try {
      const transport =
        progress && opts.file !== undefined
          ? options.upload === undefined
            ? (await import('./xhr')).xhrTransport()
            : options.upload
          : null
      response = transport
        ? await transport(target, init, (loaded, total) => progress!({ loaded, total }))
        : await doFetch(target, init)
    } catch {
      if (opts.signal?.aborted) throw new ApiError(0, 'aborted', 'Cancelled.')
      throw new ApiError(0, 'network_error', NETWORK_MESSAGE)
    }
    if (response.ok) return response

    const text = await response.text().catch(() => '')
    let parsed: unknown
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      parsed = undefined
    }
    const err = toApiError(response, parsed)
    if (response.status === 401 && auth && !opts.quiet401) {
      tokens.set(null)
      options.onUnauthorized?.(err)
    }
    throw err
  }

  async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const response = await send(method, path, opts)
    if (response.status === 204) return undefined as T
    const text = await response.text()
    if (!text) return undefined as T
    try {
      return JSON.parse(text) as T
    } catch {
      throw new ApiError(response.status, 'bad_response', 'The server sent an answer that is not JSON.')
    }
  }

  /** Uploads a file as the raw body and reads the JSON answer. */
  function upload<T>(
    path: string,
    file: Blob,
    opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {},
  ) {
    if (file.size > MAX_IMPORT_BYTES) {
      // Refused here rather than after sending 64 MiB for nothing; the server says the same (413).
      return Promise.reject(
        new ApiError(413, 'payload_too_large', 'The file must be at most 64 MiB.', { file: 'is larger than 64 MiB' }),
      )
    }
    return request<T>('POST', path, { file, signal: opts.signal, onUploadProgress: opts.onProgress })
  }

  return {
    tokens,

    // Accounts
    /** 202 `check_email` when the server verifies addresses (the default), 201 with the user when it does not. */
    register: (input: { email: string; password: string; name?: string; timezone?: string }) =>
      request<{ user: User } | CheckEmail>('POST', '/auth/register', { body: input, auth: false }),
    /** Opens the emailed link: the account is verified and signed in, as by a login. */
    async verifyEmail(token: string): Promise<LoginResult> {
      const result = await request<LoginResult>('POST', '/auth/verify', { body: { token }, auth: false })
      tokens.set(result.token)
      return result
    },
    resendVerification: (email: string) =>
      request<CheckEmail>('POST', '/auth/verify/resend', { body: { email }, auth: false }),
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
    updateMe: (input: UserUpdate) => request<{ user: User }>('PATCH', '/me', { body: input }),
    async deleteMe(password: string): Promise<void> {
      await request<void>('DELETE', '/me', { body: { password } })
      tokens.set(null)
    },

    // Passwords, personal tokens and sessions
    changePassword: (currentPassword: string, newPassword: string) =>
      request<void>('POST', '/me/password', { body: { current_password: currentPassword, new_password: newPassword } }),
    requestPasswordReset: (email: string) =>
      request<{ message: string }>('POST', '/auth/password-reset', { body: { email }, auth: false }),
    confirmPasswordReset: (token: string, newPassword: string) =>
      request<void>('POST', '/auth/password-reset/confirm', {
        body: { token, new_password: newPassword },
        auth: false,
      }),
    listTokens: () => request<{ items: PersonalToken[] }>('GET', '/me/tokens'),
    createToken: (name: string, scope: TokenScope = 'write') =>
      request<CreatedToken>('POST', '/me/tokens', { body: { name, scope } }),
    revokeToken: (id: number) => request<void>('DELETE', `/me/tokens/${id}`),
    listSessions: () => request<{ items: Session[] }>('GET', '/me/sessions'),
    endSession: (id: number) => request<void>('DELETE', `/me/sessions/${id}`),
    signOutOtherSessions: () => request<void>('POST', '/me/sessions/sign-out-others'),

    // Trackers
    listTrackers: (archived: ArchivedFilter = 'false') =>
      request<{ items: Tracker[] }>('GET', '/trackers', { query: { archived } }),
    getTracker: (id: number) => request<Tracker>('GET', `/trackers/${id}`),
    createTracker: (input: TrackerInput) => request<Tracker>('POST', '/trackers', { body: input }),
    /** `force` makes a change that loses data; `mapping` says what logged values become (after 409 mapping_required). */
    updateTracker: (id: number, input: TrackerInput, force = false, mapping?: ValueMapping[]) =>
      request<Tracker>('PATCH', `/trackers/${id}`, {
        body: { ...input, ...(force ? { force: true } : {}), ...(mapping ? { mapping } : {}) },
      }),
    deleteTracker: (id: number) => request<void>('DELETE', `/trackers/${id}`),
    reorderTrackers: (ids: number[]) => request<{ items: Tracker[] }>('POST', '/trackers/reorder', { body: { ids } }),

    // Logs
    listLogs: (trackerId: number, q: { from?: string; to?: string; limit?: number; before?: string | null } = {}) =>
      request<LogPage>('GET', `/trackers/${trackerId}/logs`, { query: q }),
    createLog: (trackerId: number, input: LogInput) =>
      request<Log>('POST', `/trackers/${trackerId}/logs`, { body: input }),
    getLog: (trackerId: number, logId: number) => request<Log>('GET', `/trackers/${trackerId}/logs/${logId}`),
    updateLog: (trackerId: number, logId: number, input: LogInput) =>
      request<Log>('PATCH', `/trackers/${trackerId}/logs/${logId}`, { body: input }),
    deleteLog: (trackerId: number, logId: number) => request<void>('DELETE', `/trackers/${trackerId}/logs/${logId}`),
    /** One local day ("YYYY-MM-DD", the account's zone) of every tracker's logs, oldest first. */
    getDay: (date: string) => request<Day>('GET', `/days/${date}`),

    // Statistics
    stats: (trackerId: number, q: { from?: string; to?: string; bucket?: Bucket } = {}) =>
      request<Stats>('GET', `/trackers/${trackerId}/stats`, { query: q }),
    /** What the data says: relationships, rhythms and trends, the reliable ones apart from the rest. */
    insights: () => request<Insights>('GET', '/insights'),
    /** The same, kept to one tracker's findings and rhythms (compared within the same family). */
    trackerInsights: (trackerId: number) => request<Insights>('GET', `/trackers/${trackerId}/insights`),

    // Reports and jobs
    requestReport: (input: ReportRequest) => request<{ job: Job }>('POST', '/reports', { body: input }),
    getJob: (id: number) => request<{ job: Job }>('GET', `/jobs/${id}`),

    // Export and import
    requestExport: (format: ExportFormat) => request<{ job: Job }>('POST', '/exports', { body: { format } }),
    /** A finished export's file, by the job's `download_url`, fetched with the token (a plain link could not send it). */
    async downloadExport(downloadUrl: string): Promise<DownloadedFile> {
      const response = await send('GET', '', { href: downloadUrl })
      const blob = await response.blob()
      const type = response.headers.get('Content-Type') ?? ''
      const fallback = `qself-export.${/csv/i.test(type) ? 'csv' : 'json'}`
      return { blob, filename: filenameFromDisposition(response.headers.get('Content-Disposition')) ?? fallback }
    },
    /** Sends the file and queues its preview (a job whose `result` is what importing it would do; nothing changes). */
    previewImport: (file: Blob, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}) =>
      upload<{ job: Job }>('/imports/preview', file, opts),
    /** Imports the file the finished preview job `previewId` kept, without sending it again. */
    commitImport: (previewId: number) => request<{ job: Job }>('POST', `/imports/${previewId}/commit`),
    /** Sends the file and queues its import at once (a job whose `result` is what was imported). */
    importFile: (file: Blob, opts: { onProgress?: (p: UploadProgress) => void; signal?: AbortSignal } = {}) =>
      upload<{ job: Job }>('/imports', file, opts),

    // Notifications (Web Push)
    /** The server's public key (base64url), the `applicationServerKey` to subscribe with. */
    pushKey: async () => (await request<{ public_key: string }>('GET', '/push/key')).public_key,
    /** `quiet401` while logging out: a dead session there is no news (as for logout itself). */
    listPushDevices: async (opts: { quiet401?: boolean } = {}) =>
      (await request<{ subscriptions: PushDevice[] }>('GET', '/push/subscriptions', opts)).subscriptions,
    /** Adds this browser's subscription (201), or updates it when the account has its endpoint already (200). */
    addPushDevice: (input: PushDeviceInput) => request<PushDevice>('POST', '/push/subscriptions', { body: input }),
    /** Adds a webhook the notifications are POSTed to as JSON (201), or relabels it when the account has its URL (200). */
    addPushWebhook: (input: PushWebhookInput) => request<PushDevice>('POST', '/push/webhooks', { body: input }),
    /** Removes a browser or a webhook. */
    removePushDevice: (id: number, opts: { quiet401?: boolean } = {}) =>
      request<void>('DELETE', `/push/subscriptions/${id}`, opts),
    /** A test notification to every device; with a tracker, its reminder (buttons and all). Answers how many devices. */
    sendTestPush: async (trackerId?: number) =>
      (
        await request<{ devices: number }>('POST', '/push/test', {
          body: trackerId === undefined ? {} : { tracker_id: trackerId },
        })
      ).devices,
    /**
     * A value from a notification's button, sent by the service worker: the
     * notification's token stands for the account, so no session is sent (nor
     * does a 401 here end one).
     */
    pushAction: (input: PushActionInput) => request<Log>('POST', '/push/actions', { body: input, auth: false }),
  }
}

/**
 * The file name of a Content-Disposition header (RFC 6266): `filename*=UTF-8''…`
 * first, else `filename="…"`; only the last path segment, never empty.
 */
export function filenameFromDisposition(header: string | null | undefined): string | null {
  if (!header) return null
  let name: string | null = null
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
  if (extended) {
    try {
      name = decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''))
    } catch {
      name = null
    }
  }
  if (name === null) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header)
    if (plain) name = plain[1] !== undefined ? plain[1].replace(/\\(.)/g, '$1') : plain[2]
  }
  if (name === null) return null
  name = name.split(/[\\/]/).pop()!.trim()
  return name && name !== '.' && name !== '..' ? name : null
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
      Array.isArray(body.error.values) ? body.error.values : [],
      typeof body.error.reason === 'string' ? body.error.reason : null,
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
