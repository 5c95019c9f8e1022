// Turning stored values into words and back, per tracker type.
import type {
  Aggregate,
  DurationUnit,
  Frequency,
  LogValue,
  ReminderSchedule,
  Target,
  TrackerOptions,
  TrackerType,
} from '@/api/types'
import { unitAfter } from './units'

/** The parts of a tracker that decide how its values read. */
export interface ValueShape {
  type: TrackerType
  unit?: string
  options?: TrackerOptions
  frequency?: Frequency
  target?: Target | null
}

// ---- duration ---------------------------------------------------------------

/** Seconds → "h:mm" (rounded to the minute); 5400 → "1:30", 45 → "0:01". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '—'
  const sign = seconds < 0 ? '-' : ''
  const total = Math.round(Math.abs(seconds) / 60)
  const h = Math.floor(total / 60)
  const m = total % 60
  return `${sign}${h}:${String(m).padStart(2, '0')}`
}

/** Seconds on a running stopwatch: "0:07", "12:05", "1:02:03" (whole seconds, never negative). */
export function formatElapsed(seconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = String(whole % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

/** The longest duration one log holds (the server refuses more): 24 hours. */
export const MAX_DURATION_SECONDS = 24 * 3600

/**
 * Reads a duration typed by a person, in whole seconds, or null when it is not one.
 * Accepts "7:30", "1:30:15", ":45", "7h30", "7h 30m", "7.5h", "7,5h", "450m", "45 min",
 * and a number alone in the tracker's entry unit: "90" is 90 minutes, or with
 * `bareUnit` "hours", "8" is 8 hours and "7.5" is 7 h 30 min.
 */
export function parseDuration(input: string, bareUnit: DurationUnit = 'minutes'): number | null {
  const s = input.trim().toLowerCase()
  if (!s) return null
  let m = /^(\d*):(\d{1,2})(?::(\d{1,2}))?$/.exec(s)
  if (m) {
    const h = m[1] ? Number(m[1]) : 0
    const min = Number(m[2])
    const sec = m[3] !== undefined ? Number(m[3]) : 0
    if (min > 59 || sec > 59) return null
    if (!m[1] && m[2].length === 0) return null
    return h * 3600 + min * 60 + sec
  }
  m = /^(\d+(?:[.,]\d+)?)$/.exec(s)
  if (m) {
    const n = Number(m[1].replace(',', '.'))
    if (bareUnit === 'hours') return Math.round(n * 3600)
    return Number.isInteger(n) ? n * 60 : null // "1.5" minutes is more likely a slip than 90 seconds
  }
  m = /^(?:(\d+(?:[.,]\d+)?)\s*h)?\s*(?:(\d+)\s*(?:m|min)?)?$/.exec(s)
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    if (m[1] === undefined) return Number(m[2]) * 60 // "45m"
    const hours = Number(m[1].replace(',', '.'))
    const min = m[2] !== undefined ? Number(m[2]) : 0
    if (m[2] !== undefined && min > 59) return null
    return Math.round(hours * 3600) + min * 60
  }
  return null
}

/** Seconds in words, as a preview of what a log will hold: "8 h 00 min", "45 min", "1 h 30 min 15 s". */
export function formatDurationWords(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds))
  const h = Math.floor(whole / 3600)
  const min = Math.floor((whole % 3600) / 60)
  const sec = whole % 60
  const main = h > 0 ? `${h} h ${String(min).padStart(2, '0')} min` : `${min} min`
  return sec ? `${main} ${sec} s` : main
}

/** What a duration field will log: the seconds, a preview ("8 → 8 h 00 min") and any problem. */
export interface DurationEntry {
  seconds: number | null
  preview: string
  error: string
}

export function readDurationEntry(input: string, bareUnit: DurationUnit = 'minutes'): DurationEntry {
  const t = input.trim()
  if (!t) return { seconds: null, preview: '', error: '' }
  const seconds = parseDuration(t, bareUnit)
  if (seconds === null) {
    return { seconds: null, preview: '', error: 'Enter a duration such as 7:30, 7h30, 7.5h or 450m.' }
  }
  const preview = `${t} → ${formatDurationWords(seconds)}`
  if (seconds > MAX_DURATION_SECONDS) return { seconds: null, preview, error: 'At most 24 h in one log.' }
  return { seconds, preview, error: '' }
}

// ---- numbers ----------------------------------------------------------------

const numberFormats = new Map<number, Intl.NumberFormat>()

/** A number with at most `decimals` decimals, trailing zeros dropped. */
export function formatNumber(value: number, decimals = 2): string {
  const d = Math.max(0, Math.min(6, Math.floor(decimals)))
  let f = numberFormats.get(d)
  if (!f) {
    f = new Intl.NumberFormat('en-US', { maximumFractionDigits: d, minimumFractionDigits: 0 })
    numberFormats.set(d, f)
  }
  return f.format(value)
}

/** A number and its unit as it reads after it (see units.ts): "1 glass", "2.5 glasses", "72 kg". */
export function formatQuantity(value: number, decimals: number, unit?: string): string {
  const text = formatNumber(value, decimals)
  return unit ? `${text} ${unitAfter(Number(text), unit)}` : text
}

/** Parses what a person typed in a number field ("72,5" too); null when not a number. */
export function parseNumber(input: string): number | null {
  const s = input.trim().replace(',', '.')
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null
  const n = Number(s)
  return Number.isFinite(n) ? n : null
}

// ---- rating, boolean, choice -----------------------------------------------

export function ratingScale(options?: TrackerOptions): number {
  const s = options?.scale
  return typeof s === 'number' && s >= 2 && s <= 10 ? Math.floor(s) : 5
}

export function ratingLabel(value: number, options?: TrackerOptions): string | null {
  const labels = options?.labels
  if (!labels || !Number.isInteger(value)) return null
  const label = labels[value - 1]
  return label ? label : null
}

/** 4 → "4/5", or "4/5 · Good" when the scale has labels. */
export function formatRating(value: number, options?: TrackerOptions): string {
  const base = `${formatNumber(value, 1)}/${ratingScale(options)}`
  const label = ratingLabel(value, options)
  return label ? `${base} · ${label}` : base
}

export function formatBoolean(value: unknown): string {
  return value === true || value === 1 || value === 'true' ? 'Yes' : 'No'
}

/** A choice tracker's labels, in the order shown. */
export function choiceLabels(options?: TrackerOptions): string[] {
  return (options?.choices ?? []).map((c) => c.label)
}

/** A choice value is its label; a choice id is mapped to its label. */
export function choiceLabel(value: LogValue, options?: TrackerOptions): string {
  if (typeof value === 'number') return options?.choices?.find((c) => c.id === value)?.label ?? `#${value}`
  return String(value)
}

// ---- one log's value --------------------------------------------------------

export function formatValue(shape: ValueShape, value: LogValue | null | undefined): string {
  if (value === null || value === undefined) return '—'
  switch (shape.type) {
    case 'numeric':
      return typeof value === 'number' ? formatQuantity(value, shape.options?.decimals ?? 2, shape.unit) : String(value)
    case 'duration':
      return typeof value === 'number' ? formatDuration(value) : String(value)
    case 'rating':
      return typeof value === 'number' ? formatRating(value, shape.options) : String(value)
    case 'boolean':
      return formatBoolean(value)
    case 'choice':
      return choiceLabel(value, shape.options)
    case 'text':
      return String(value)
  }
}

// ---- a period's value (sum, count of yes, mean, count of logs) --------------

export function plural(n: number, one: string, many = one + 's'): string {
  return `${formatNumber(n, 0)} ${n === 1 ? one : many}`
}

/** What a target may be held against per type, the default first (as the server has it). */
export const AGGREGATES_FOR: Record<TrackerType, Aggregate[]> = {
  numeric: ['sum', 'count', 'average', 'last', 'min', 'max'],
  duration: ['sum', 'count', 'average', 'last', 'min', 'max'],
  rating: ['average', 'last', 'min', 'max', 'count'],
  boolean: ['sum', 'count'],
  choice: ['count'],
  text: ['count'],
}

/** An aggregate in a word: "total", "average", "latest"… (a yes/no's sum is its yes). */
export function aggregateWord(aggregate: Aggregate, type: TrackerType): string {
  if (aggregate === 'sum' && type === 'boolean') return 'yes'
  return { sum: 'total', count: 'logs', average: 'average', last: 'latest', min: 'lowest', max: 'highest' }[aggregate]
}

/** What a period's value is: the target's aggregate, or the type's default. */
export function goalAggregate(shape: ValueShape): Aggregate {
  return shape.target?.aggregate ?? AGGREGATES_FOR[shape.type][0]!
}

/** The period a goal is judged in: the target's own, or the tracker's frequency. */
export function goalPeriod(shape: ValueShape & { frequency: Frequency }): Frequency {
  return shape.target?.period ?? shape.frequency
}

/** How a period's value reads: a quantity in the tracker's unit, a number of yes, a rating, a number of logs. */
export function periodValueKind(shape: ValueShape): 'quantity' | 'yes' | 'rating' | 'count' {
  const aggregate = goalAggregate(shape)
  if (aggregate === 'count') return 'count'
  if (shape.type === 'boolean') return 'yes'
  if (shape.type === 'rating') return 'rating'
  if (shape.type === 'numeric' || shape.type === 'duration') return 'quantity'
  return 'count'
}

/** Whether a period's value only adds up (a total, a count): drawn as bars, not a line. */
export function periodValueAddsUp(shape: ValueShape): boolean {
  const aggregate = goalAggregate(shape)
  return aggregate === 'sum' || aggregate === 'count'
}

function quantity(shape: ValueShape, value: number): string {
  return shape.type === 'duration'
    ? formatDuration(value)
    : formatQuantity(value, shape.options?.decimals ?? 2, shape.unit)
}

export function formatPeriodValue(shape: ValueShape, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  switch (periodValueKind(shape)) {
    case 'quantity':
      return quantity(shape, value)
    case 'yes':
      return `${formatNumber(value, 1)}× yes` // a period's is whole; a mean of periods' may not be
    case 'rating':
      return `${formatNumber(value, 1)}/${ratingScale(shape.options)}`
    case 'count':
      return `${formatNumber(value, 1)} ${value === 1 ? 'log' : 'logs'}`
  }
}

/** A target value in the units the person thinks in ("8 glasses", "1:30", "3 logs"). */
export function formatTargetValue(shape: ValueShape, value: number): string {
  return formatPeriodValue(shape, value)
}

// ---- labels -----------------------------------------------------------------

export const TYPE_LABELS: Record<TrackerType, string> = {
  numeric: 'Number',
  boolean: 'Yes / no',
  choice: 'Choice',
  rating: 'Rating',
  duration: 'Duration',
  text: 'Text',
}

export const TYPE_HINTS: Record<TrackerType, string> = {
  numeric: 'Weight, glasses of water, pages read…',
  boolean: 'Took medication, went for a run…',
  choice: 'One of a list: mood, weather, where you worked…',
  rating: 'A score on a scale, e.g. 1 to 5',
  duration: 'Time spent, entered as h:mm',
  text: 'A journal line or any free text',
}

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  hourly: 'Hourly',
  daily: 'Daily',
  weekly: 'Weekly',
  monthly: 'Monthly',
}

const PERIOD_NOUN: Record<Frequency, string> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' }
const THIS_PERIOD: Record<Frequency, string> = {
  hourly: 'this hour',
  daily: 'today',
  weekly: 'this week',
  monthly: 'this month',
}

export function periodNoun(f: Frequency): string {
  return PERIOD_NOUN[f]
}

export function thisPeriod(f: Frequency): string {
  return THIS_PERIOD[f]
}

/**
 * "4 / 8 glasses", "7:45 / 7:30", "1 / 3 yes", "78.3 / 80 kg average": where a
 * period stands against its target, naming the aggregate unless it is a total.
 */
export function formatProgress(shape: ValueShape, have: number, want: number): string {
  const aggregate = goalAggregate(shape)
  const named = aggregate === 'sum' || aggregate === 'count' ? '' : ` ${aggregateWord(aggregate, shape.type)}`
  switch (periodValueKind(shape)) {
    case 'quantity':
      if (shape.type === 'duration') return `${formatDuration(have)} / ${formatDuration(want)}${named}`
      // The unit agrees with the target next to it: "0 / 1 glass", "1 / 8 glasses".
      return `${formatNumber(have, shape.options?.decimals ?? 2)} / ${formatQuantity(want, shape.options?.decimals ?? 2, shape.unit)}${named}`
    case 'yes':
      return `${formatNumber(have, 0)} / ${formatNumber(want, 0)} yes`
    case 'rating':
      return `${formatNumber(have, 1)} / ${formatNumber(want, 1)}${named}`
    case 'count':
      return `${formatNumber(have, 0)} / ${formatNumber(want, 0)} logs`
  }
}

/** "≥ 8 glasses", "≤ 80 kg avg a week": the short form for a card. */
export function shortTarget(shape: ValueShape, target: Target): string {
  const t = { ...shape, target }
  const aggregate = goalAggregate(t)
  const short: Partial<Record<Aggregate, string>> = {
    average: ' avg',
    last: ' latest',
    min: ' lowest',
    max: ' highest',
  }
  const per = target.period && target.period !== shape.frequency ? ` a ${periodNoun(target.period)}` : ''
  return `${target.op === 'at_least' ? '≥' : '≤'} ${formatTargetValue(t, target.value)}${short[aggregate] ?? ''}${per}`
}

/** "At least 8 glasses a day", "At most 80 kg on average a week", "At least 3× yes a week". */
export function describeTarget(shape: ValueShape, target: Target | null | undefined): string {
  if (!target) return 'No target'
  const t = { ...shape, target }
  const op = target.op === 'at_least' ? 'At least' : 'At most'
  const how: Partial<Record<Aggregate, string>> = {
    average: ' on average',
    last: ' (the latest)',
    min: ' (the lowest)',
    max: ' (the highest)',
  }
  const period = target.period ?? shape.frequency
  const per = period ? ` a ${periodNoun(period)}` : ''
  return `${op} ${formatTargetValue(t, target.value)}${how[goalAggregate(t)] ?? ''}${per}`
}

/** "4 days", "1 week": a streak in its period's unit. */
export function formatStreak(n: number, f: Frequency): string {
  return plural(n, periodNoun(f))
}

export function formatPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—'
  return `${Math.round(share * 100)}%`
}

const WEEKDAY_WORDS = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const

/** A tracker's own reminder times in a few words: "08:00 · 20:00", "18:00, Mon Wed Fri", "07:30, weekdays". */
export function describeReminderSchedule(schedule: ReminderSchedule): string {
  if (!schedule || schedule.times.length === 0) return ''
  const times = schedule.times.join(' · ')
  const days = schedule.days ?? ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
  const key = days.join(' ')
  if (days.length === 7) return times
  if (key === 'mon tue wed thu fri') return `${times}, weekdays`
  if (key === 'sat sun') return `${times}, weekends`
  return `${times}, ${days.map((d) => WEEKDAY_WORDS[d]).join(' ')}`
}
