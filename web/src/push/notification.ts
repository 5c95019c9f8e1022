// What a push message shows: the reminder's notification, with buttons that
// log a value when they fit, and what a click on it means. Pure functions, so
// the service worker (../sw.ts) stays a thin shell and the rules are specified
// in ./notification.spec.ts. The payload is the server's (issue 14):
// {v, kind, title, body, tag, url, token?, trackers: [{id, name, type, actions}]}.
import type { LogValue, TrackerType } from '@/api/types'

/** A button the server offers: its words and the value it logs. */
export interface PushValueAction {
  title: string
  value: LogValue
}

export interface PushTracker {
  id: number
  name: string
  type: TrackerType
  actions: PushValueAction[]
}

/** The decrypted JSON of a push message. */
export interface PushPayload {
  v: number
  kind: 'reminder' | 'test'
  title: string
  body: string
  tag?: string
  url?: string
  /** Stands for the account when a button logs a value (24 hours); present when there are trackers. */
  token?: string
  trackers?: PushTracker[]
}

/** What the notification carries to its click. */
export interface NotificationData {
  url: string
  token: string | null
  trackers: PushTracker[]
  /** Set on a "Logged …" confirmation: what closes it later closes it alone. */
  confirmation?: string
}

/** NotificationOptions as Chromium takes them; TypeScript's DOM library leaves out actions and timestamp. */
export interface ShownOptions extends NotificationOptions {
  actions?: Array<{ action: string; title: string }>
  timestamp?: number
  data: NotificationData
}

/** The button that opens the app at the tracker's log form (or the reminder's page). */
export const OPEN_ACTION = 'open'
export const OPEN_TITLE = 'Log…'
/** What a browser that does not say allows. */
export const DEFAULT_MAX_ACTIONS = 2

const ICON = '/icon-192.png'
const BADGE = '/badge-96.png'

/** Only what the payload may hold: anything else of it is dropped, and a bad message still shows something. */
export function readPayload(raw: unknown): PushPayload {
  const p = (raw && typeof raw === 'object' ? raw : {}) as Partial<PushPayload>
  const trackers = Array.isArray(p.trackers)
    ? p.trackers
        .filter((t) => t && Number.isInteger(t.id) && t.id > 0)
        .map((t) => ({
          id: t.id,
          name: String(t.name ?? ''),
          type: t.type,
          actions: Array.isArray(t.actions)
            ? t.actions.filter((a) => a && typeof a.title === 'string' && a.value !== undefined && a.value !== null)
            : [],
        }))
    : []
  return {
    v: Number(p.v) || 1,
    kind: p.kind === 'test' ? 'test' : 'reminder',
    title: typeof p.title === 'string' && p.title ? p.title : 'qself',
    body: typeof p.body === 'string' ? p.body : '',
    tag: typeof p.tag === 'string' && p.tag ? p.tag : undefined,
    url: typeof p.url === 'string' && p.url.startsWith('/') && !p.url.startsWith('//') ? p.url : undefined,
    token: typeof p.token === 'string' && p.token ? p.token : undefined,
    trackers,
  }
}

/**
 * The buttons: a lone tracker's values followed by "Log…" when all of them fit
 * within `maxActions`; else "Log…" alone; none when the message is about no
 * tracker (a test). Values without a token to send them with are left out.
 */
export function actionsFor(payload: PushPayload, maxActions: number = DEFAULT_MAX_ACTIONS): ShownOptions['actions'] {
  const trackers = payload.trackers ?? []
  if (!trackers.length) return []
  const open = { action: OPEN_ACTION, title: OPEN_TITLE }
  const values = trackers.length === 1 && payload.token ? trackers[0].actions : []
  if (values.length && values.length + 1 <= maxActions) {
    return [...values.map((a, i) => ({ action: `log:${i}`, title: a.title })), open]
  }
  return maxActions >= 1 ? [open] : []
}

/** The page a click opens: the lone tracker's, with its log form in focus; else the message's own. */
export function openUrl(data: Pick<NotificationData, 'url' | 'trackers'>): string {
  if (data.trackers.length === 1) return `/trackers/${data.trackers[0].id}?log=1`
  return data.url || '/'
}

/** The title and options to show for a payload. */
export function notificationFor(
  payload: PushPayload,
  maxActions: number = DEFAULT_MAX_ACTIONS,
  now: number = Date.now(),
): { title: string; options: ShownOptions } {
  const trackers = payload.trackers ?? []
  return {
    title: payload.title,
    options: {
      body: payload.body,
      ...(payload.tag ? { tag: payload.tag } : {}),
      icon: ICON,
      badge: BADGE,
      timestamp: now,
      actions: actionsFor(payload, maxActions),
      data: { url: payload.url ?? '/', token: payload.token ?? null, trackers },
    },
  }
}

export type ParsedAction = { kind: 'log'; index: number } | { kind: 'open' }

/** What a click asks for: `log:<i>` a value, anything else (the body, "Log…", an unknown id) opens the app. */
export function parseAction(action: string | undefined | null): ParsedAction {
  const m = /^log:(\d{1,2})$/.exec(action ?? '')
  return m ? { kind: 'log', index: Number(m[1]) } : { kind: 'open' }
}
