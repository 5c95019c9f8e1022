// A click on a notification, decided without any page: a value button sends
// the log with the notification's token (POST /push/actions); when the server
// cannot be reached (no network, a 5xx, 408, 429), the log joins this
// account's outbox instead, with the same uid and the click's instant, and the
// next page of the app sends it with its session. The token expired (401), or
// anything else refused, or no value to send: the app opens at the tracker's
// log form, where the person can log it by hand.
import type { Log, PushActionInput } from '@/api/types'
import { isApiError } from '@/api/client'
import { toRfc3339 } from '@/utils/time'
import { openUrl, parseAction, type NotificationData, type PushTracker, type PushValueAction } from './notification'

export interface ActDeps {
  /** POST /push/actions. */
  send(input: PushActionInput): Promise<Log>
  /** Puts the log into the outbox of the account the notifications are for; false when it cannot. */
  queue(trackerId: number, input: { uid: string; value: Log['value']; logged_at: string }): Promise<boolean>
  newUid(): string
  now(): number
  /** The account's time zone, for the log's time (UTC when unknown). */
  timezone: string
}

export type ActOutcome =
  | { kind: 'logged'; tracker: PushTracker; choice: PushValueAction; log: Log }
  | { kind: 'queued'; tracker: PushTracker; choice: PushValueAction }
  | { kind: 'open'; url: string }

/** No answer, or an answer that means "later" rather than "no" (a 401 here means the token expired: no). */
function tryLater(e: unknown): boolean {
  if (!isApiError(e)) return false
  return (e.status === 0 && e.code !== 'aborted') || e.status === 408 || e.status === 429 || e.status >= 500
}

export async function actOnNotification(data: NotificationData, action: string, deps: ActDeps): Promise<ActOutcome> {
  const open: ActOutcome = { kind: 'open', url: openUrl(data) }
  const parsed = parseAction(action)
  const tracker = data.trackers.length === 1 ? data.trackers[0] : undefined
  const choice = parsed.kind === 'log' ? tracker?.actions[parsed.index] : undefined
  if (!tracker || !choice || !data.token) return open

  const at = deps.now()
  const input = { uid: deps.newUid(), value: choice.value, logged_at: toRfc3339(at, deps.timezone || 'UTC') }
  try {
    const log = await deps.send({ token: data.token, tracker_id: tracker.id, ...input })
    return { kind: 'logged', tracker, choice, log }
  } catch (e) {
    if (!tryLater(e)) return open
    return (await deps.queue(tracker.id, input).catch(() => false)) ? { kind: 'queued', tracker, choice } : open
  }
}
