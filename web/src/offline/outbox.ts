// The outbox: logs added, edited or deleted while the server cannot be reached
// are kept (in IndexedDB, per account) and sent when the connection returns,
// never lost and never doubled.
//
// Every place that adds, edits or deletes a log goes through `create`,
// `update` and `remove` here. Each first tries the server, unless the browser
// says it is offline; when the request fails for want of a network (no answer
// at all), the change is queued instead and the caller gets the log as it will
// be. A queued log keeps the uid it was made with, and the instant of the
// action as its explicit `logged_at`, so sending it late, or twice, adds it
// once and at the right time.
//
// Sending (`flush`) goes through the queue in order. What the server refuses
// (a 4xx: the tracker was deleted, the value is no longer valid, the uid is
// taken) stays in the queue, marked refused with the server's reason, until
// the user fixes it (`retry` with a new input) or drops it (`discard`). What
// fails for want of a network, a 5xx, 401, 408 or 429 stays waiting for the
// next attempt.
import { computed, ref, type Ref } from 'vue'
import { ApiError, isApiError } from '@/api/client'
import type { Log, LogInput, Tracker } from '@/api/types'
import { toRfc3339 } from '@/utils/time'
import type { KeyValueStore } from './db'
import { OUTBOX_LIMIT, createEntry, outboxPrefix, type OutboxEntry, type OutboxKind } from './outboxEntry'

export { OUTBOX_LIMIT, type OutboxEntry, type OutboxKind, type OutboxState } from './outboxEntry'

/** What a listener hears of each log sent: enough to know which lists to load again. */
export type SentLog = Pick<OutboxEntry, 'tracker_id' | 'uid'>
type SentListener = (sent: SentLog[], refused: number) => void

/** What the outbox needs of the API client. */
export type OutboxApi = {
  createLog(trackerId: number, input: LogInput & { value: Log['value'] }): Promise<Log>
  updateLog(trackerId: number, logId: number, input: LogInput): Promise<Log>
  deleteLog(trackerId: number, logId: number): Promise<void>
}

export interface OutboxOptions {
  store: KeyValueStore
  api: OutboxApi
  /** The signed-in account's id; its queue is the one shown and sent. */
  account: Ref<number | null>
  /** The account's time zone, for the explicit `logged_at` of a queued log. */
  timezone?: () => string
  now?: () => number
  /** Whether the browser believes it is online (false: queue at once, without trying). */
  online?: () => boolean
  /** At most this many changes wait; one more is refused at once (nothing is dropped silently). */
  limit?: number
}

/** A log that exists only in the outbox so far: its id is negative. */
export function isPendingLog(log: Pick<Log, 'id'>): boolean {
  return log.id < 0
}

/** A request that got no answer at all (offline, the server unreachable), as opposed to an answer. */
export function isNetworkError(e: unknown): boolean {
  return isApiError(e) && e.status === 0 && e.code !== 'aborted'
}

/** What the server said, for the person who must fix it. */
export function refusalReason(e: ApiError, kind: OutboxKind): string {
  if (e.status === 404) return kind === 'create' ? 'The tracker no longer exists.' : 'The log no longer exists.'
  const fields = Object.entries(e.fields)
    .map(([field, problem]) => `${field} ${problem}`)
    .join('; ')
  return fields ? `${e.message} (${fields})` : e.message
}

/** An answer meaning "try again later" rather than "no". */
function isTransient(e: ApiError): boolean {
  return e.status === 0 || e.status === 401 || e.status === 408 || e.status === 429 || e.status >= 500
}

export function createOutbox(options: OutboxOptions) {
  const { store, api, account } = options
  const now = options.now ?? (() => Date.now())
  const timezone = options.timezone ?? (() => 'UTC')
  const online = options.online ?? (() => globalThis.navigator?.onLine !== false)
  const limit = options.limit ?? OUTBOX_LIMIT
  let describeTracker: (id: number) => Tracker | undefined = () => undefined

  /** The signed-in account's queue, in order. */
  const entries = ref<OutboxEntry[]>([])
  const sending = ref(false)
  /** What the browser says of the network, kept up to date by `sendWhenOnline`. */
  const connected = ref(online())
  let loadedFor: number | null = null
  let lastSeq = 0
  const sentListeners = new Set<SentListener>()

  const waiting = computed(() => entries.value.filter((e) => e.state === 'waiting'))
  const refused = computed(() => entries.value.filter((e) => e.state === 'refused'))

  const prefix = outboxPrefix

  /** Reads the account's queue from the store (after sign-in, or a reload). */
  async function load(): Promise<void> {
    const id = account.value
    loadedFor = id
    if (id === null) {
      entries.value = []
      return
    }
    const found = (await store.list<OutboxEntry>(prefix(id))).map(([, e]) => e)
    if (account.value !== id) return
    entries.value = found.sort((a, b) => a.seq - b.seq)
    lastSeq = Math.max(lastSeq, ...found.map((e) => e.seq))
  }

  async function ready(): Promise<number | null> {
    if (loadedFor !== account.value) await load()
    return account.value
  }

  async function save(entry: OutboxEntry): Promise<void> {
    const id = account.value
    if (id === null) throw new ApiError(0, 'no_account', 'Not signed in.')
    // A plain copy: the entries are reactive proxies, which IndexedDB cannot clone.
    await store.put(prefix(id) + entry.key, JSON.parse(JSON.stringify(entry)))
    const i = entries.value.findIndex((e) => e.key === entry.key)
    if (i >= 0) entries.value[i] = entry
    else entries.value = [...entries.value, entry].sort((a, b) => a.seq - b.seq)
  }

  async function drop(key: string): Promise<void> {
    const id = account.value
    if (id !== null) await store.delete(prefix(id) + key)
    entries.value = entries.value.filter((e) => e.key !== key)
  }

  function nextSeq(): number {
    lastSeq = Math.max(lastSeq + 1, now())
    return lastSeq
  }

  function find(key: string): OutboxEntry | undefined {
    return entries.value.find((e) => e.key === key)
  }

  /** A queued create as the log it will be. */
  function asLog(e: OutboxEntry): Log {
    return {
      id: -e.seq,
      uid: e.uid,
      tracker_id: e.tracker_id,
      value: e.input.value!,
      logged_at: e.input.logged_at!,
      note: e.input.note ?? '',
      created_at: e.queued_at,
      updated_at: e.queued_at,
    }
  }

  async function queue(
    entry: Omit<OutboxEntry, 'seq' | 'queued_at' | 'state' | 'reason' | 'status' | 'fields'>,
    why: unknown,
  ): Promise<OutboxEntry> {
    if ((await ready()) === null) throw why
    if (entries.value.length >= limit && !find(entry.key)) {
      throw new ApiError(
        0,
        'outbox_full',
        `${limit} changes are already waiting to be sent; this one was not saved. Connect to send them first.`,
      )
    }
    const known = describeTracker(entry.tracker_id)
    const full: OutboxEntry = {
      ...(known ? { tracker: { ...known, summary: undefined } } : {}),
      ...entry,
      seq: find(entry.key)?.seq ?? nextSeq(),
      queued_at: toRfc3339(now(), timezone()),
      state: 'waiting',
      reason: '',
      status: 0,
      fields: {},
    }
    await save(full)
    return full
  }

  /**
   * Adds a log (the input carries its uid). Resolves with the server's log, or,
   * queued, with the pending log (negative id); rejects with what the server
   * refused, as before.
   */
  async function create(trackerId: number, input: LogInput & { uid: string; value: Log['value'] }): Promise<Log> {
    // The action's instant, taken now: a log sent later must not say "later".
    const at = input.logged_at ?? toRfc3339(now(), timezone())
    if (online()) {
      try {
        return await api.createLog(trackerId, input)
      } catch (e) {
        if (!isNetworkError(e)) throw e
        return asLog(await queue(createEntry(trackerId, { ...input, logged_at: at }), e))
      }
    }
    const offline = new ApiError(0, 'network_error', 'Offline.')
    return asLog(await queue(createEntry(trackerId, { ...input, logged_at: at }), offline))
  }

  /** Edits a log: a pending one in the queue, else on the server, or queued when it cannot be reached. */
  async function update(log: Log, input: LogInput): Promise<Log> {
    await ready()
    if (isPendingLog(log)) {
      const entry = find(log.uid)
      if (!entry) throw new ApiError(404, 'not_found', 'This log was sent or discarded meanwhile. Reload the page.')
      const next = { ...entry, input: { ...entry.input, ...input }, state: 'waiting' as const, reason: '', status: 0 }
      await save({ ...next, fields: {} })
      return asLog(next)
    }
    const key = `log-${log.id}`
    const queued = find(key)
    // Behind a queued change of the same log, this one waits too: they must arrive in order.
    if (!queued && online()) {
      try {
        return await api.updateLog(log.tracker_id, log.id, input)
      } catch (e) {
        if (!isNetworkError(e)) throw e
      }
    }
    if (queued?.kind === 'delete') throw new ApiError(404, 'not_found', 'This log is waiting to be deleted.')
    const merged = { ...(queued?.input ?? {}), ...input }
    await queue(
      { key, kind: 'update', tracker_id: log.tracker_id, log_id: log.id, uid: log.uid, input: merged },
      new ApiError(0, 'network_error', 'Offline.'),
    )
    return { ...log, ...merged, value: merged.value ?? log.value, note: merged.note ?? log.note }
  }

  /** Deletes a log: a pending one leaves the queue; else on the server, or queued when it cannot be reached. */
  async function remove(log: Log): Promise<void> {
    await ready()
    if (isPendingLog(log)) {
      await drop(log.uid)
      return
    }
    const key = `log-${log.id}`
    if (!find(key) && online()) {
      try {
        await api.deleteLog(log.tracker_id, log.id)
        return
      } catch (e) {
        if (!isNetworkError(e)) throw e
      }
    }
    await queue(
      { key, kind: 'delete', tracker_id: log.tracker_id, log_id: log.id, uid: log.uid, input: {} },
      new ApiError(0, 'network_error', 'Offline.'),
    )
  }

  /** Sends one entry; a create answers the server's log. */
  async function send(e: OutboxEntry): Promise<Log | null> {
    if (e.kind === 'create') return api.createLog(e.tracker_id, { ...e.input, value: e.input.value!, uid: e.uid })
    if (e.kind === 'update') return api.updateLog(e.tracker_id, e.log_id!, e.input)
    try {
      await api.deleteLog(e.tracker_id, e.log_id!)
    } catch (err) {
      // Already gone is what was wanted.
      if (!(isApiError(err) && err.status === 404)) throw err
    }
    return null
  }

  let flushing: Promise<number> | null = null

  /**
   * Sends what waits, in order; stops at the first failure for want of a
   * network (or a server that cannot answer now). Resolves with how many were sent.
   */
  function flush(): Promise<number> {
    if (!flushing) {
      flushing = (async () => {
        sending.value = true
        const sent: OutboxEntry[] = []
        let refusedNow = 0
        try {
          if ((await ready()) === null) return 0
          for (const entry of waiting.value.slice()) {
            if (find(entry.key)?.state !== 'waiting') continue
            let answer: Log | null
            try {
              answer = await send(entry)
            } catch (e) {
              if (!isApiError(e)) throw e
              if (isTransient(e)) {
                // Noted for the user, then the rest waits with it: the next attempt keeps the order.
                if (find(entry.key)) await save({ ...entry, reason: e.message })
                break
              }
              await save({
                ...entry,
                state: 'refused',
                reason: refusalReason(e, entry.kind),
                status: e.status,
                fields: e.fields,
              })
              refusedNow++
              continue
            }
            const current = find(entry.key)
            if (current && current.input !== entry.input) {
              // Edited while on its way: the edit is still to send, now as an edit of the log the server made.
              if (entry.kind === 'create' && answer) {
                await drop(entry.key)
                await save({ ...current, key: `log-${answer.id}`, kind: 'update', log_id: answer.id })
              }
            } else if (current) {
              await drop(entry.key)
            }
            sent.push(entry)
          }
        } finally {
          sending.value = false
          flushing = null
        }
        // A refusal says something changed on the server too (a tracker deleted): worth a reload.
        if (sent.length || refusedNow) for (const listener of sentListeners) listener(sent, refusedNow)
        return sent.length
      })()
    }
    return flushing
  }

  /** Sends a refused entry again, with its value (or other fields) corrected when given. */
  async function retry(key: string, input: LogInput = {}): Promise<number> {
    const entry = find(key)
    if (!entry) return 0
    await save({ ...entry, input: { ...entry.input, ...input }, state: 'waiting', reason: '', status: 0, fields: {} })
    return flush()
  }

  /** Drops an entry for good (the user chose to). */
  function discard(key: string): Promise<void> {
    return drop(key)
  }

  /** A tracker's logs that wait to be sent, as logs (newest first). */
  function pendingLogs(trackerId: number): Log[] {
    return entries.value
      .filter((e) => e.kind === 'create' && e.tracker_id === trackerId)
      .map(asLog)
      .sort((a, b) => Date.parse(b.logged_at) - Date.parse(a.logged_at))
  }

  /** Every queued create, as logs. */
  function allPendingLogs(): Log[] {
    return entries.value.filter((e) => e.kind === 'create').map(asLog)
  }

  /** The queued entry behind a log shown: a pending create, or a queued edit or delete of a server log. */
  function entryFor(log: Pick<Log, 'id' | 'uid'>): OutboxEntry | undefined {
    return isPendingLog(log) ? find(log.uid) : find(`log-${log.id}`)
  }

  /**
   * A page of logs from the server as it will be once the queue is sent: queued
   * edits applied, queued deletes left out (pending creates are added by the caller,
   * which knows which page they belong to).
   */
  function applyQueued(logs: Log[]): Log[] {
    const out: Log[] = []
    for (const log of logs) {
      const e = find(`log-${log.id}`)
      if (e?.kind === 'delete') continue
      out.push(e?.kind === 'update' ? { ...log, ...e.input, value: e.input.value ?? log.value } : log)
    }
    return out
  }

  /**
   * Called after each flush that sent something (with what) or had something
   * refused (with how many), and when a log was added elsewhere (`addedElsewhere`).
   */
  function onSent(listener: SentListener): () => void {
    sentListeners.add(listener)
    return () => sentListeners.delete(listener)
  }

  /**
   * A log reached the server another way (a notification's button, through the
   * service worker): the lists that show it load again, as after a send.
   */
  function addedElsewhere(log: SentLog): void {
    for (const listener of sentListeners) listener([log], 0)
  }

  /**
   * Sends the queue when the connection may be back: the `online` event, the
   * page coming into view or focus, and every `intervalMs` while something
   * waits. Returns a function that stops it.
   */
  function sendWhenOnline(target: Window = window, intervalMs = 30_000): () => void {
    const attempt = () => {
      connected.value = online()
      if (waiting.value.length && connected.value) void flush().catch(() => undefined)
    }
    const offline = () => {
      connected.value = false
    }
    const onVisible = () => {
      if (target.document.visibilityState === 'visible') attempt()
    }
    target.addEventListener('online', attempt)
    target.addEventListener('offline', offline)
    target.addEventListener('focus', attempt)
    target.document.addEventListener('visibilitychange', onVisible)
    const timer = target.setInterval(attempt, intervalMs)
    return () => {
      target.removeEventListener('online', attempt)
      target.removeEventListener('offline', offline)
      target.removeEventListener('focus', attempt)
      target.document.removeEventListener('visibilitychange', onVisible)
      target.clearInterval(timer)
    }
  }

  return {
    /** Where a queued entry finds its tracker (the app's tracker list). */
    describeTrackersWith(fn: (id: number) => Tracker | undefined): void {
      describeTracker = fn
    },
    asLog,
    entries,
    waiting,
    refused,
    sending,
    connected,
    load,
    create,
    update,
    remove,
    flush,
    retry,
    discard,
    pendingLogs,
    allPendingLogs,
    entryFor,
    applyQueued,
    onSent,
    addedElsewhere,
    sendWhenOnline,
  }
}

export type Outbox = ReturnType<typeof createOutbox>
