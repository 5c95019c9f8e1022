// The tracker form's working copy, and its translation to the API's fields.
import type {
  Aggregate,
  DurationUnit,
  Frequency,
  ReminderSchedule,
  Tracker,
  TrackerInput,
  TrackerOptions,
  TrackerType,
} from '@/api/types'
import { FREQUENCIES } from '@/api/types'
import { AGGREGATES_FOR, aggregateWord, formatDuration, parseDuration, parseNumber } from './format'
import { PALETTE, isHexColor } from './color'

/** A choice being edited: `id` once the server gave it one (logs hold it), `key` for the list. */
export interface DraftChoice {
  id?: number
  label: string
  key: number
}

let nextKey = 1
/** A choice as the editor holds it; `id` for one the server already knows. */
export function draftChoice(label = '', id?: number): DraftChoice {
  return id === undefined ? { label, key: nextKey++ } : { id, label, key: nextKey++ }
}

export interface TrackerDraft {
  name: string
  description: string
  unit: string
  type: TrackerType
  frequency: Frequency
  min: string
  max: string
  decimals: number
  choices: DraftChoice[]
  scale: number
  useLabels: boolean
  labels: string[]
  /** Duration: what a number typed alone means when logging ("8": minutes or hours). */
  durationUnit: DurationUnit
  targetOp: 'none' | 'at_least' | 'at_most'
  /** As typed: a number, or h:mm for durations. */
  targetValue: string
  /** What of a period's logs the target is held against; one the type has (see AGGREGATES_FOR). */
  targetAggregate: Aggregate
  /** The goal's own period, or '' for the tracker's frequency. */
  targetPeriod: Frequency | ''
  color: string
  icon: string
  archived: boolean
  /** Listed in the daily reminder email when not logged yet this period. */
  reminders: boolean
  /** Its own reminder times ("HH:MM", as the time inputs give them; '' while empty). */
  reminderTimes: string[]
  /** The weekdays those times apply on. */
  reminderDays: Weekday[]
}

export type Weekday = NonNullable<NonNullable<ReminderSchedule>['days']>[number]
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']
/** At most this many times of day (the server's limit). */
export const MAX_REMINDER_TIMES = 8

export function emptyDraft(): TrackerDraft {
  return {
    name: '',
    description: '',
    unit: '',
    type: 'numeric',
    frequency: 'daily',
    min: '',
    max: '',
    decimals: 0,
    choices: [draftChoice(), draftChoice()],
    scale: 5,
    useLabels: false,
    labels: [],
    durationUnit: 'minutes',
    targetOp: 'none',
    targetValue: '',
    targetAggregate: 'sum',
    targetPeriod: '',
    color: PALETTE[0],
    icon: '',
    archived: false,
    reminders: true,
    reminderTimes: [],
    reminderDays: [...WEEKDAYS],
  }
}

function numText(n: number | null | undefined): string {
  return typeof n === 'number' && Number.isFinite(n) ? String(n) : ''
}

export function draftFromTracker(t: Tracker): TrackerDraft {
  const o: TrackerOptions = t.options ?? {}
  const scale = typeof o.scale === 'number' ? o.scale : 5
  return {
    ...emptyDraft(),
    name: t.name,
    description: t.description ?? '',
    unit: t.unit ?? '',
    type: t.type,
    frequency: t.frequency,
    min: numText(o.min),
    max: numText(o.max),
    decimals: typeof o.decimals === 'number' ? o.decimals : 2,
    choices:
      o.choices && o.choices.length ? o.choices.map((c) => draftChoice(c.label, c.id)) : [draftChoice(), draftChoice()],
    scale,
    useLabels: !!(o.labels && o.labels.length),
    labels: o.labels ? [...o.labels] : [],
    durationUnit: o.duration_unit ?? 'minutes',
    targetOp: t.target ? t.target.op : 'none',
    targetValue: t.target ? (t.type === 'duration' ? formatDuration(t.target.value) : String(t.target.value)) : '',
    targetAggregate: t.target?.aggregate ?? AGGREGATES_FOR[t.type][0]!,
    targetPeriod: t.target?.period && t.target.period !== t.frequency ? t.target.period : '',
    color: isHexColor(t.color) ? t.color : PALETTE[0],
    icon: t.icon ?? '',
    archived: t.archived,
    reminders: t.reminders ?? true,
    reminderTimes: t.reminder_schedule ? [...t.reminder_schedule.times] : [],
    reminderDays: t.reminder_schedule?.days ? [...t.reminder_schedule.days] : [...WEEKDAYS],
  }
}

/** The draft's reminder schedule for the API (null: none), or errors under the API's keys. */
export function reminderScheduleFor(d: TrackerDraft, errors: Record<string, string>): ReminderSchedule {
  const times = d.reminderTimes.filter((t) => t !== '')
  if (times.length === 0) return null
  if (times.some((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t)))
    errors['reminder_schedule.times'] = 'Enter each time as HH:MM.'
  else if (new Set(times).size !== times.length) errors['reminder_schedule.times'] = 'Each time only once.'
  else if (times.length > MAX_REMINDER_TIMES) errors['reminder_schedule.times'] = `At most ${MAX_REMINDER_TIMES} times.`
  if (d.reminderDays.length === 0) errors['reminder_schedule.days'] = 'Pick at least one day.'
  const days = WEEKDAYS.filter((w) => d.reminderDays.includes(w))
  return { times: [...times].sort(), days }
}

export function optionsFor(d: TrackerDraft, errors: Record<string, string>): TrackerOptions {
  switch (d.type) {
    case 'numeric': {
      const o: TrackerOptions = { decimals: d.decimals }
      const min = d.min.trim() ? parseNumber(d.min) : null
      const max = d.max.trim() ? parseNumber(d.max) : null
      if (d.min.trim() && min === null) errors.min = 'Enter a number or leave empty.'
      if (d.max.trim() && max === null) errors.max = 'Enter a number or leave empty.'
      if (min !== null && max !== null && min > max) errors.max = 'Must not be below the minimum.'
      o.min = min
      o.max = max
      return o
    }
    case 'choice': {
      // Each choice goes with its id, so that a reorder or a rename changes no log.
      const choices = d.choices
        .map((c) => ({ id: c.id, label: c.label.trim() }))
        .filter((c) => c.label)
        .map((c) => (c.id === undefined ? { label: c.label } : c))
      const lower = choices.map((c) => c.label.toLowerCase())
      if (choices.length === 0) errors.choices = 'Add at least one choice.'
      else if (new Set(lower).size !== lower.length) errors.choices = 'Each choice must be different.'
      else if (choices.length > 50) errors.choices = 'At most 50 choices.'
      return { choices }
    }
    case 'rating': {
      // labels: null says "no labels" outright (options sent replace the old ones).
      const o: TrackerOptions = { scale: d.scale, labels: null }
      if (d.useLabels) {
        const labels = Array.from({ length: d.scale }, (_, i) => (d.labels[i] ?? '').trim())
        if (labels.some((l) => !l)) errors.labels = 'Give every step a label, or turn labels off.'
        o.labels = labels
      }
      return o
    }
    case 'duration':
      return { duration_unit: d.durationUnit }
    default:
      return {}
  }
}

/** The API fields for a draft, or the errors that keep it from being sent. */
export function draftToInput(d: TrackerDraft): { input: TrackerInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const name = d.name.trim()
  if (!name) errors.name = 'Give the tracker a name.'
  else if (name.length > 100) errors.name = 'At most 100 characters.'
  if (d.description.length > 1000) errors.description = 'At most 1000 characters.'
  if (d.unit.trim().length > 30) errors.unit = 'At most 30 characters.'
  if (!isHexColor(d.color)) errors.color = 'Pick a colour.'
  if ([...d.icon].length > 8) errors.icon = 'At most 8 characters.'

  const options = optionsFor(d, errors)
  const reminder_schedule = reminderScheduleFor(d, errors)

  let target: TrackerInput['target'] = null
  if (d.targetOp !== 'none') {
    const v = d.type === 'duration' ? parseDuration(d.targetValue, d.durationUnit) : parseNumber(d.targetValue)
    if (v === null)
      errors.target = d.type === 'duration' ? 'Enter the target as h:mm.' : 'Enter the target as a number.'
    else if (v < 0) errors.target = 'The target cannot be negative.'
    else target = { op: d.targetOp, value: v, aggregate: draftAggregate(d), period: draftPeriod(d) }
  }

  return {
    input: {
      name,
      description: d.description.trim(),
      unit: d.type === 'numeric' ? d.unit.trim() : '',
      type: d.type,
      frequency: d.frequency,
      options,
      target,
      color: d.color.toLowerCase(),
      icon: d.icon.trim(),
      archived: d.archived,
      reminders: d.reminders,
      reminder_schedule,
    },
    errors,
  }
}

/** The draft's aggregate if its type has it, else the type's default (the form offers only those it has). */
export function draftAggregate(d: TrackerDraft): Aggregate {
  const allowed = AGGREGATES_FOR[d.type]
  return allowed.includes(d.targetAggregate) ? d.targetAggregate : allowed[0]!
}

/** The periods a goal may span: the frequency or longer. */
export function goalPeriods(frequency: Frequency): Frequency[] {
  return FREQUENCIES.slice(FREQUENCIES.indexOf(frequency))
}

/** The goal's own period, or null for the frequency (also when the frequency grew past it). */
export function draftPeriod(d: TrackerDraft): Frequency | null {
  return d.targetPeriod && goalPeriods(d.frequency).includes(d.targetPeriod) && d.targetPeriod !== d.frequency
    ? d.targetPeriod
    : null
}

/** What the target's value is held against, in words, for the form's hint. */
export function targetHint(type: TrackerType, aggregate: Aggregate, period: Frequency): string {
  const per = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' }[period]
  switch (aggregate) {
    case 'sum':
      if (type === 'boolean') return `How many “yes” in a ${per}.`
      return type === 'duration' ? `The total time in a ${per}, as h:mm.` : `The total of the values in a ${per}.`
    case 'count':
      return `How many logs in a ${per}.`
    case 'average':
      return `The average of the ${per}'s logs; a ${per} with none has no data.`
    default:
      return `The ${per}'s ${aggregateWord(aggregate, type)} value; a ${per} with none has no data.`
  }
}
