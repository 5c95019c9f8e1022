// The "Email me a report" choices: ranges as civil dates in the user's zone,
// [from, toExclusive), and the POST /reports body they make.
import type { ReportRequest } from '@/api/types'
import { computeRange, type DateRange } from './range'
import { addDays, addMonths, formatDateKey, startOfDayRfc3339, todayKey } from './time'

export type ReportPreset = '7d' | '30d' | 'last-month' | 'this-year' | 'custom'

export const REPORT_PRESETS: { id: ReportPreset; label: string }[] = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: 'last-month', label: 'Last month' },
  { id: 'this-year', label: 'This year' },
  { id: 'custom', label: 'Custom' },
]

/** At most this many ids in `tracker_ids` (openapi.yaml, ReportRequest). */
export const MAX_REPORT_TRACKERS = 100

/**
 * The days a preset covers, today included where it runs up to now.
 * "Last month" is the whole previous calendar month; "this year" runs from
 * 1 January to today. A custom range takes both dates inclusive, in either order.
 */
export function reportRange(
  preset: ReportPreset,
  tz: string,
  opts: { now?: number; customFrom?: string; customTo?: string } = {},
): DateRange | null {
  const today = todayKey(tz, opts.now)
  switch (preset) {
    case '7d':
    case '30d':
    case 'custom':
      return computeRange(preset, tz, opts)
    case 'last-month': {
      const thisMonth = `${today.slice(0, 7)}-01`
      return { from: addMonths(thisMonth, -1), toExclusive: thisMonth }
    }
    case 'this-year':
      return { from: `${today.slice(0, 4)}-01-01`, toExclusive: addDays(today, 1) }
  }
}

/** "1 – 31 Oct 2026"-like text for a range: first and last day, both included. */
export function describeRange(r: DateRange): string {
  const last = addDays(r.toExclusive, -1)
  if (last <= r.from) return formatDateKey(r.from, true)
  const sameYear = r.from.slice(0, 4) === last.slice(0, 4)
  return `${formatDateKey(r.from, !sameYear)} – ${formatDateKey(last, true)}`
}

/**
 * The POST /reports body, or why it cannot be sent. Every active tracker
 * picked sends no `tracker_ids` at all ("all active trackers" on the server).
 */
export function buildReportRequest(opts: {
  range: DateRange | null
  tz: string
  /** The ids ticked, in display order. */
  selected: number[]
  /** The ids of every active (not archived) tracker. */
  active: number[]
}): { input: ReportRequest | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const picked = new Set(opts.selected)
  const all = opts.active.length > 0 && picked.size === opts.active.length && opts.active.every((id) => picked.has(id))
  if (picked.size === 0) errors.tracker_ids = 'Pick at least one tracker.'
  else if (!all && picked.size > MAX_REPORT_TRACKERS) {
    errors.tracker_ids = `Pick at most ${MAX_REPORT_TRACKERS} trackers, or all of them.`
  }
  if (!opts.range) errors.range = 'Pick both dates.'
  if (Object.keys(errors).length || !opts.range) return { input: null, errors }
  const input: ReportRequest = {
    from: startOfDayRfc3339(opts.range.from, opts.tz),
    to: startOfDayRfc3339(opts.range.toExclusive, opts.tz),
  }
  if (!all) input.tracker_ids = [...picked]
  return { input, errors }
}
