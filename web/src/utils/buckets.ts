// Chart buckets (hour, day, week, month) in the user's zone: the full list of
// buckets in a range, so periods without logs show as gaps, not as nothing.
import type { Bucket, Frequency } from '@/api/types'
import {
  addDays,
  addMonths,
  dateKeyOf,
  daysBetween,
  formatDateKey,
  formatMonthKey,
  mondayOf,
  zonedParts,
  type DateKey,
} from './time'

/** The key of the bucket holding this instant: "2026-11-02", or "2026-11-02T14" for hours. */
export function bucketKeyOf(iso: string | number, bucket: Bucket, tz: string): string {
  const ms = typeof iso === 'number' ? iso : Date.parse(iso)
  const day = dateKeyOf(ms, tz)
  switch (bucket) {
    case 'hour':
      return `${day}T${String(zonedParts(ms, tz).hour).padStart(2, '0')}`
    case 'day':
      return day
    case 'week':
      return mondayOf(day)
    case 'month':
      return `${day.slice(0, 7)}-01`
  }
}

/** Every bucket key from the civil date `from` up to, not including, `toExclusive`. */
export function enumerateBuckets(from: DateKey, toExclusive: DateKey, bucket: Bucket): string[] {
  const keys: string[] = []
  if (toExclusive <= from) return keys
  if (bucket === 'hour') {
    for (let d = from; d < toExclusive; d = addDays(d, 1)) {
      for (let h = 0; h < 24; h++) keys.push(`${d}T${String(h).padStart(2, '0')}`)
    }
  } else if (bucket === 'day') {
    for (let d = from; d < toExclusive; d = addDays(d, 1)) keys.push(d)
  } else if (bucket === 'week') {
    for (let d = mondayOf(from); d < toExclusive; d = addDays(d, 7)) keys.push(d)
  } else {
    for (let d = `${from.slice(0, 7)}-01`; d < toExclusive; d = addMonths(d, 1)) keys.push(d)
  }
  return keys
}

export function bucketLabel(key: string, bucket: Bucket, spansYears: boolean): string {
  if (bucket === 'hour') return `${formatDateKey(key.slice(0, 10))} ${key.slice(11)}:00`
  if (bucket === 'month') return formatMonthKey(key)
  return formatDateKey(key, spansYears)
}

/** The longest range the server groups by hour (GET /trackers/{id}/stats answers 422 beyond). */
export const MAX_HOUR_BUCKET_DAYS = 31

/** Whether a range of civil dates [from, toExclusive) may be grouped by hour. */
export function hourBucketFits(from: DateKey, toExclusive: DateKey): boolean {
  return daysBetween(from, toExclusive) <= MAX_HOUR_BUCKET_DAYS
}

const ORDER: Bucket[] = ['hour', 'day', 'week', 'month']
const FOR_FREQUENCY: Record<Frequency, Bucket> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' }

export function bucketForFrequency(f: Frequency): Bucket {
  return FOR_FREQUENCY[f]
}

/** Roughly how many buckets of this size a range of `days` days holds. */
export function bucketCount(days: number, bucket: Bucket): number {
  switch (bucket) {
    case 'hour':
      return days * 24
    case 'day':
      return days
    case 'week':
      return Math.ceil(days / 7)
    case 'month':
      return Math.ceil(days / 30.4)
  }
}

/**
 * The tracker's own period when the range is small enough to read at that
 * grain (≤ 120 buckets), else the next coarser bucket that is.
 */
export function autoBucket(frequency: Frequency, from: DateKey, toExclusive: DateKey): Bucket {
  const days = Math.max(1, daysBetween(from, toExclusive))
  let i = ORDER.indexOf(bucketForFrequency(frequency))
  while (i < ORDER.length - 1 && bucketCount(days, ORDER[i]) > 120) i++
  return ORDER[i]
}
