// The day grids a tracker's days are drawn on: the calendar heat-map (one
// column per week, Monday first, one row per weekday, ending with the week
// that holds `end`) and the year in pixels (one row per month, one column per
// day of the month); and how the keyboard moves from day to day on each.
import { addDays, isDateKey, mondayOf, weekdayIndex, type DateKey } from './time'

export interface DayDatum {
  /** The intensity: yes count for boolean, number of logs otherwise. */
  value: number
  /** Logs that day (a "no" logged for a boolean is a log with value 0). */
  count: number
  /** The day in the tracker's words: "6 glasses", "yes", "Good ×2, Bad". */
  words?: string
  /** The day's one value in a year in pixels: a rating's mean, a choice's label. */
  pixel?: number | string
}

export interface DayCell {
  date: DateKey
  /** 0 (nothing) … 4 (the most in range). */
  level: number
  value: number
  count: number
  /** After `end`: drawn as nothing. */
  future: boolean
}

export interface DayGrid {
  weeks: DayCell[][]
  /** Month names over the column in which each month starts. */
  months: { label: string; column: number }[]
  max: number
}

/** Intensity 1..4 of a positive value against the largest in range; 0 for none. */
export function levelFor(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0
  return Math.min(4, Math.max(1, Math.ceil((value / max) * 4)))
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

export function buildDayGrid(end: DateKey, weeks: number, data: Map<DateKey, DayDatum>): DayGrid {
  const first = addDays(mondayOf(end), -7 * (weeks - 1))
  let max = 0
  for (const [date, d] of data) {
    if (date >= first && date <= end && d.value > max) max = d.value
  }
  const columns: DayCell[][] = []
  const months: { label: string; column: number }[] = []
  let lastMonth = ''
  for (let w = 0; w < weeks; w++) {
    const column: DayCell[] = []
    for (let d = 0; d < 7; d++) {
      const date = addDays(first, w * 7 + d)
      const datum = data.get(date)
      const future = date > end
      column.push({
        date,
        level: future ? 0 : levelFor(datum?.value ?? 0, max),
        value: datum?.value ?? 0,
        count: future ? 0 : (datum?.count ?? 0),
        future,
      })
    }
    // A month is labelled over the first column that holds its 1st day
    // (or over the first column at all, for the month the grid opens in).
    const monthOfColumn =
      column.find((c) => !c.future && c.date.endsWith('-01'))?.date ?? (w === 0 ? column[0].date : '')
    if (monthOfColumn) {
      const month = monthOfColumn.slice(0, 7)
      if (month !== lastMonth) {
        months.push({ label: MONTHS[Number(month.slice(5, 7)) - 1], column: w })
        lastMonth = month
      }
    }
    columns.push(column)
  }
  // Avoid two labels on neighbouring columns (the opening month squeezed by the next).
  if (months.length > 1 && months[1].column - months[0].column < 3) months.shift()
  return { weeks: columns, months, max }
}

export { weekdayIndex }

// ---- the year in pixels: months × days ---------------------------------------

export interface MonthRow {
  /** 'YYYY-MM' */
  month: string
  label: string
  /** 31 slots, day 1 first; null after the month's last day (30 Apr, 28 Feb…). */
  days: (DayCell | null)[]
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** Twelve rows of 31 slots for `year`; days after `today` are future. */
export function buildYearGrid(year: number, today: DateKey, data: Map<DateKey, DayDatum>): MonthRow[] {
  const rows: MonthRow[] = []
  for (let m = 1; m <= 12; m++) {
    const month = `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`
    const length = daysInMonth(year, m)
    const days: (DayCell | null)[] = []
    for (let d = 1; d <= 31; d++) {
      if (d > length) {
        days.push(null)
        continue
      }
      const date = `${month}-${String(d).padStart(2, '0')}`
      const future = date > today
      const datum = future ? undefined : data.get(date)
      days.push({ date, level: 0, value: datum?.value ?? 0, count: datum?.count ?? 0, future })
    }
    rows.push({ month, label: MONTHS[m - 1], days })
  }
  return rows
}

// ---- moving with the keyboard ----------------------------------------------

/** The keys a day grid answers; anything else is left to the page. */
export type DayStep = (date: DateKey, key: string) => DateKey | null

/** The heat map: up and down are a day, left and right a week. */
export const stepInWeeks: DayStep = (date, key) => {
  const by: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 }
  return key in by ? addDays(date, by[key]) : null
}

/** The same day of another month, or that month's last day when it is shorter (31 Mar → 30 Apr). */
function sameDayInMonth(date: DateKey, months: number): DateKey {
  const [y, m, d] = date.split('-').map(Number)
  const t = new Date(Date.UTC(y, m - 1 + months, 1))
  const day = Math.min(d, daysInMonth(t.getUTCFullYear(), t.getUTCMonth() + 1))
  return `${String(t.getUTCFullYear()).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The year in pixels: left and right are a day, up and down a month; Home and End the month's ends. */
export const stepInMonths: DayStep = (date, key) => {
  switch (key) {
    case 'ArrowLeft':
      return addDays(date, -1)
    case 'ArrowRight':
      return addDays(date, 1)
    case 'ArrowUp':
      return sameDayInMonth(date, -1)
    case 'ArrowDown':
      return sameDayInMonth(date, 1)
    case 'Home':
      return `${date.slice(0, 7)}-01`
    case 'End':
      return `${date.slice(0, 8)}${daysInMonth(Number(date.slice(0, 4)), Number(date.slice(5, 7)))}`
    default:
      return null
  }
}

/** A date kept within [first, last]. */
export function clampDate(date: DateKey, first: DateKey, last: DateKey): DateKey {
  if (!isDateKey(date) || date < first) return first
  return date > last ? last : date
}
