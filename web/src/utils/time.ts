// Time-zone arithmetic without a library: periods and inputs are in the
// user's own IANA zone (their settings), which need not be the browser's.

const partsCache = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = partsCache.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsCache.set(tz, f)
  }
  return f
}

export interface ZonedParts {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
}

/** Wall-clock fields of an instant in a zone. */
export function zonedParts(ms: number, tz: string): ZonedParts {
  const out: Record<string, number> = {}
  for (const p of partsFormatter(tz).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value)
  }
  return {
    year: out.year,
    month: out.month,
    day: out.day,
    hour: out.hour === 24 ? 0 : out.hour,
    minute: out.minute,
    second: out.second,
  }
}

/** Offset of the zone from UTC at that instant, in minutes (Paris in winter: +60). */
export function zoneOffsetMinutes(ms: number, tz: string): number {
  const p = zonedParts(ms, tz)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000)
}

/** The instant at which the zone's clocks show that wall-clock time. */
export function zonedToInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  tz: string,
  second = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second)
  const first = guess - zoneOffsetMinutes(guess, tz) * 60000
  return guess - zoneOffsetMinutes(first, tz) * 60000
}

const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0')

function offsetString(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+'
  const m = Math.abs(minutes)
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`
}

/** RFC 3339 with the zone's offset, e.g. 2026-11-28T08:15:00+01:00. */
export function toRfc3339(ms: number, tz: string): string {
  const p = zonedParts(ms, tz)
  const off = zoneOffsetMinutes(ms, tz)
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    offsetString(off)
  )
}

/** A civil date as 'YYYY-MM-DD'. */
export type DateKey = string

export function dateKeyOf(ms: number, tz: string): DateKey {
  const p = zonedParts(ms, tz)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`
}

export function todayKey(tz: string, now = Date.now()): DateKey {
  return dateKeyOf(now, tz)
}

function splitKey(key: DateKey): [number, number, number] {
  const [y, m, d] = key.split('-').map(Number)
  return [y, m, d]
}

export function isDateKey(key: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(key)) return false
  const [y, m, d] = splitKey(key)
  const t = new Date(Date.UTC(y, m - 1, d))
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d
}

/** Calendar arithmetic on civil dates (no zone, no DST). */
export function addDays(key: DateKey, n: number): DateKey {
  const [y, m, d] = splitKey(key)
  const t = new Date(Date.UTC(y, m - 1, d + n))
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`
}

export function addMonths(key: DateKey, n: number): DateKey {
  const [y, m] = splitKey(key)
  const t = new Date(Date.UTC(y, m - 1 + n, 1))
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-01`
}

/** 0 = Monday … 6 = Sunday (qself weeks start on Monday). */
export function weekdayIndex(key: DateKey): number {
  const [y, m, d] = splitKey(key)
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7
}

export function mondayOf(key: DateKey): DateKey {
  return addDays(key, -weekdayIndex(key))
}

export function daysBetween(a: DateKey, b: DateKey): number {
  const [y1, m1, d1] = splitKey(a)
  const [y2, m2, d2] = splitKey(b)
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / 86400000)
}

/** Midnight at the start of that civil date in the zone, as RFC 3339. */
export function startOfDayRfc3339(key: DateKey, tz: string): string {
  const [y, m, d] = splitKey(key)
  return toRfc3339(zonedToInstant(y, m, d, 0, 0, tz), tz)
}

/**
 * How far ahead of now a log's time may be: the server refuses more (5 minutes,
 * for a phone's clock running a little fast), so the forms stop there too.
 */
export const FUTURE_LOG_TOLERANCE_MS = 5 * 60 * 1000

/** Value for <input type="datetime-local"> showing the instant in the zone. */
export function toDatetimeLocal(iso: string | number, tz: string): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso)
  const p = zonedParts(ms, tz)
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** Reads <input type="datetime-local"> as wall-clock time in the zone; null when malformed. */
export function fromDatetimeLocal(value: string, tz: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value)
  if (!m) return null
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number)
  if (!isDateKey(`${m[1]}-${m[2]}-${m[3]}`) || h > 23 || mi > 59 || s > 59) return null
  return toRfc3339(zonedToInstant(y, mo, d, h, mi, tz, s), tz)
}

const displayCache = new Map<string, Intl.DateTimeFormat>()

function displayFormatter(tz: string, kind: string, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz}|${kind}`
  let f = displayCache.get(key)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: tz })
    } catch {
      f = new Intl.DateTimeFormat(undefined, opts)
    }
    displayCache.set(key, f)
  }
  return f
}

/** "Mon 3 Nov 2026, 08:15" style, in the zone. */
export function formatDateTime(iso: string, tz: string): string {
  return displayFormatter(tz, 'dt', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso))
}

export function formatTime(iso: string, tz: string): string {
  return displayFormatter(tz, 't', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso))
}

/** "3 Nov" / "3 Nov 2025" for a civil date. */
export function formatDateKey(key: DateKey, withYear = false): string {
  const [y, m, d] = splitKey(key)
  return displayFormatter('UTC', withYear ? 'dky' : 'dk', {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  }).format(new Date(Date.UTC(y, m - 1, d)))
}

export function formatMonthKey(key: DateKey): string {
  const [y, m] = splitKey(key)
  return displayFormatter('UTC', 'mk', { month: 'short', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, 1)))
}

/** "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date. */
export function formatRelative(iso: string, tz: string, now = Date.now()): string {
  const ms = Date.parse(iso)
  const diff = now - ms
  if (diff < 0) return formatDateTime(iso, tz)
  const min = Math.floor(diff / 60000)
  if (min < 1) return 'just now'
  if (min < 60) return `${min} min ago`
  const today = todayKey(tz, now)
  const day = dateKeyOf(ms, tz)
  const days = daysBetween(day, today)
  if (days === 0) return `${Math.floor(min / 60)} h ago`
  if (days === 1) return 'yesterday'
  if (days < 7) return `${days} days ago`
  return formatDateKey(day, day.slice(0, 4) !== today.slice(0, 4))
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

export function supportedTimeZones(): string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone')
    return zones.includes('UTC') ? zones : ['UTC', ...zones]
  } catch {
    return ['UTC']
  }
}
