// The calendar heat-map's grid: one column per week (Monday first), one row
// per weekday, ending with the week that holds `end`.
import { addDays, mondayOf, weekdayIndex, type DateKey } from './time'

export interface DayDatum {
  /** The intensity: yes count for boolean, number of logs otherwise. */
  value: number
  /** Logs that day (a "no" logged for a boolean is a log with value 0). */
  count: number
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
