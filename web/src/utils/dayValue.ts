// What one day of a tracker holds, read from its daily statistics bucket
// (GET /trackers/{id}/stats?bucket=day): the heat map's intensity, the day in
// the tracker's words for a tooltip, and the year in pixels' one value.
import type { StatsPoint } from '@/api/types'
import type { DayDatum } from './dayGrid'
import {
  choiceLabels,
  formatDuration,
  formatNumber,
  formatPeriodValue,
  formatQuantity,
  formatRating,
  plural,
  ratingScale,
  type ValueShape,
} from './format'
import { type DateKey } from './time'

/** "yes ×2, no" — a label with how many times, in order, those never logged left out. */
function tally(parts: [string, number][]): string {
  return parts
    .filter(([, n]) => n > 0)
    .map(([label, n]) => (n > 1 ? `${label} ×${n}` : label))
    .join(', ')
}

function quantity(shape: ValueShape, value: number): string {
  return shape.type === 'duration'
    ? formatDuration(value)
    : formatQuantity(value, shape.options?.decimals ?? 2, shape.unit)
}

/** The choice logged most that day; a tie goes to the one first in the tracker's list. */
export function mostLogged(counts: Record<string, number>, order: string[]): string | undefined {
  let best: string | undefined
  for (const label of [...order, ...Object.keys(counts).filter((l) => !order.includes(l))]) {
    if ((counts[label] ?? 0) > (best === undefined ? 0 : counts[best]!)) best = label
  }
  return best
}

export function dayDatumOf(shape: ValueShape, bucket: StatsPoint): DayDatum {
  const count = bucket.count
  const counts = bucket.counts ?? {}
  switch (shape.type) {
    case 'boolean': {
      const yes = counts.yes ?? bucket.sum ?? 0
      const no = counts.no ?? count - yes
      return {
        value: yes,
        count,
        words: tally([
          ['yes', yes],
          ['no', no],
        ]),
      }
    }
    case 'choice': {
      const order = choiceLabels(shape.options)
      const others = Object.keys(counts).filter((l) => !order.includes(l))
      const words = tally([...order, ...others].map((l): [string, number] => [l, counts[l] ?? 0]))
      return { value: count, count, words: words || plural(count, 'log'), pixel: mostLogged(counts, order) }
    }
    case 'rating': {
      const mean = bucket.mean ?? bucket.value ?? 0
      const words =
        count === 1
          ? formatRating(mean, shape.options)
          : `${formatNumber(mean, 1)}/${ratingScale(shape.options)} on average of ${count}`
      return { value: count, count, words, pixel: mean }
    }
    case 'numeric':
    case 'duration': {
      if (shape.target && bucket.value !== null)
        return { value: count, count, words: formatPeriodValue(shape, bucket.value) }
      // A measurement (kg, °C) taken twice a day is its average, not its sum.
      const measured = shape.type === 'numeric' && (shape.options?.decimals ?? 2) > 0 && count > 1
      const words = measured
        ? `${quantity(shape, bucket.mean ?? 0)} on average of ${count}`
        : quantity(shape, bucket.sum ?? 0)
      return { value: count, count, words }
    }
    case 'text':
      return { value: count, count, words: plural(count, 'log') }
  }
}

let weekdayDate: Intl.DateTimeFormat | null = null

/** "Tue 1 Dec 2026" (in the browser's language) for a civil date. */
export function formatDay(key: DateKey): string {
  weekdayDate ??= new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  })
  return weekdayDate.format(new Date(`${key}T12:00:00Z`))
}

/** A day cell's tooltip: "Tue 1 Dec 2026 · 6 glasses", "… · nothing logged". */
export function describeDay(date: DateKey, datum: DayDatum | undefined): string {
  const what = !datum || datum.count === 0 ? 'nothing logged' : (datum.words ?? plural(datum.count, 'log'))
  return `${formatDay(date)} · ${what}`
}
