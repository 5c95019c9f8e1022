// The chart ranges a person can pick on a tracker page, as civil dates in
// their zone: [from, toExclusive).
import { addDays, isDateKey, todayKey, type DateKey } from './time'

export type RangePreset = '7d' | '30d' | '1y' | 'all' | 'custom'

export const RANGE_PRESETS: { id: RangePreset; label: string }[] = [
  { id: '7d', label: '7 days' },
  { id: '30d', label: '30 days' },
  { id: '1y', label: '1 year' },
  { id: 'all', label: 'All' },
  { id: 'custom', label: 'Custom' },
]

export interface DateRange {
  from: DateKey
  toExclusive: DateKey
}

/**
 * The range for a preset; "all" starts at `earliest` (the first day with data,
 * when known). A custom range with from after to is swapped; null when a custom
 * date is missing or malformed.
 */
export function computeRange(
  preset: RangePreset,
  tz: string,
  opts: { now?: number; earliest?: DateKey | null; customFrom?: string; customTo?: string } = {},
): DateRange | null {
  const today = todayKey(tz, opts.now)
  const tomorrow = addDays(today, 1)
  switch (preset) {
    case '7d':
      return { from: addDays(today, -6), toExclusive: tomorrow }
    case '30d':
      return { from: addDays(today, -29), toExclusive: tomorrow }
    case '1y':
      return { from: addDays(today, -364), toExclusive: tomorrow }
    case 'all': {
      const earliest = opts.earliest && opts.earliest < today ? opts.earliest : addDays(today, -29)
      return { from: earliest, toExclusive: tomorrow }
    }
    case 'custom': {
      const a = opts.customFrom ?? ''
      const b = opts.customTo ?? ''
      if (!isDateKey(a) || !isDateKey(b)) return null
      const [lo, hi] = a <= b ? [a, b] : [b, a]
      return { from: lo, toExclusive: addDays(hi, 1) }
    }
  }
}
