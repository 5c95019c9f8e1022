// How the outbox keeps an entry in the offline store: its shape and its key.
// The outbox (./outbox.ts) and the service worker (../sw.ts, which queues a log
// from a notification's button when the server cannot be reached) both write
// entries this way, so a page sends what either queued. No Vue here: the
// worker imports it.
import type { LogInput, Tracker } from '@/api/types'
import type { KeyValueStore } from './db'

export type OutboxKind = 'create' | 'update' | 'delete'
export type OutboxState = 'waiting' | 'refused'

export interface OutboxEntry {
  /** A create's uid; `log-<id>` for an edit or delete of a log the server has. */
  key: string
  /** Queue order (also makes a pending log's negative id, `-seq`). */
  seq: number
  kind: OutboxKind
  tracker_id: number
  /** The server's log an update or delete is about; null for a create. */
  log_id: number | null
  /** The new log's uid (create) or the edited log's (update, delete). */
  uid: string
  /** What is sent: the whole log for a create (value, logged_at, note), the changed fields for an update. */
  input: LogInput
  /** When the action was taken (RFC 3339). */
  queued_at: string
  state: OutboxState
  /** Why the server refused it; for a waiting entry, why the last attempt failed (or ''). */
  reason: string
  /** The refusal's HTTP status and field errors (0 and {} while waiting). */
  status: number
  fields: Record<string, string>
  /** The tracker as it was when queued (name, type, options), to show the entry even once it is deleted. */
  tracker?: Tracker
}

export const OUTBOX_LIMIT = 500

/** Where an account's outbox entries live in the store ("a42:outbox:<key>"). */
export function outboxPrefix(account: number): string {
  return `a${account}:outbox:`
}

/** A new log to send: keyed by its uid, so queuing it twice keeps one entry. */
export function createEntry(trackerId: number, input: LogInput & { uid: string }) {
  const { uid, ...rest } = input
  return { key: uid, kind: 'create' as const, tracker_id: trackerId, log_id: null, uid, input: rest }
}

/** A create as stored, waiting (what `queue` in ./outbox.ts makes of `createEntry`). */
export function waitingCreate(
  trackerId: number,
  input: LogInput & { uid: string },
  at: { seq: number; queued_at: string },
): OutboxEntry {
  return { ...createEntry(trackerId, input), ...at, state: 'waiting', reason: '', status: 0, fields: {} }
}

/**
 * Queues a new log from outside the page (the service worker), as the page's
 * outbox would: waiting, sent by the next page of that account that runs.
 * False when the account's outbox is full (nothing is stored).
 */
export async function queueCreate(
  store: Pick<KeyValueStore, 'put' | 'list'>,
  account: number,
  trackerId: number,
  input: LogInput & { uid: string; logged_at: string },
  now: number,
  limit: number = OUTBOX_LIMIT,
): Promise<boolean> {
  const queued = await store.list<OutboxEntry>(outboxPrefix(account))
  const again = queued.some(([, e]) => e.key === input.uid)
  if (!again && queued.length >= limit) return false
  const seq = Math.max(now, ...queued.map(([, e]) => e.seq + 1))
  await store.put(
    outboxPrefix(account) + input.uid,
    waitingCreate(trackerId, input, { seq, queued_at: input.logged_at }),
  )
  return true
}
