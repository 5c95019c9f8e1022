import { describe, expect, it } from 'vitest'
import {
  buildDayGrid,
  buildYearGrid,
  clampDate,
  daysInMonth,
  levelFor,
  stepInMonths,
  stepInWeeks,
  type DayDatum,
} from './dayGrid'

describe('buildDayGrid', () => {
  it('lays out whole weeks, Monday first, ending with the week of the end date', () => {
    const grid = buildDayGrid('2026-11-28', 3, new Map()) // a Saturday
    expect(grid.weeks).toHaveLength(3)
    expect(grid.weeks.every((w) => w.length === 7)).toBe(true)
    expect(grid.weeks[0][0].date).toBe('2026-11-09')
    expect(grid.weeks[2][0].date).toBe('2026-11-23')
    expect(grid.weeks[2][6].date).toBe('2026-11-29')
  })
  it('marks the days after the end as future', () => {
    const grid = buildDayGrid('2026-11-28', 1, new Map())
    expect(grid.weeks[0].map((c) => c.future)).toEqual([false, false, false, false, false, false, true])
  })
  it('scales intensity against the busiest day in range', () => {
    const data = new Map<string, DayDatum>([
      ['2026-11-23', { value: 4, count: 4 }],
      ['2026-11-24', { value: 1, count: 1 }],
      ['2026-11-25', { value: 0, count: 1 }],
      ['2026-11-01', { value: 100, count: 100 }], // outside the grid: ignored
    ])
    const grid = buildDayGrid('2026-11-28', 1, data)
    expect(grid.max).toBe(4)
    const [mon, tue, wed, thu] = grid.weeks[0]
    expect(mon.level).toBe(4)
    expect(tue.level).toBe(1)
    expect(wed).toMatchObject({ level: 0, count: 1 })
    expect(thu).toMatchObject({ level: 0, count: 0 })
  })
  it('labels each month over the column where it starts', () => {
    const grid = buildDayGrid('2026-12-31', 10, new Map())
    expect(grid.months.map((m) => m.label)).toEqual(['Nov', 'Dec'])
    const dec = grid.months.find((m) => m.label === 'Dec')!
    expect(grid.weeks[dec.column].some((c) => c.date === '2026-12-01')).toBe(true)
  })
  it('gives a year of weeks for 53 columns', () => {
    const grid = buildDayGrid('2026-11-28', 53, new Map())
    expect(grid.weeks.flat()).toHaveLength(371)
  })
})

describe('levelFor', () => {
  it('is 0 for nothing and 1..4 otherwise', () => {
    expect(levelFor(0, 10)).toBe(0)
    expect(levelFor(1, 10)).toBe(1)
    expect(levelFor(5, 10)).toBe(2)
    expect(levelFor(10, 10)).toBe(4)
    expect(levelFor(3, 0)).toBe(0)
  })
})

describe('buildYearGrid', () => {
  it('gives twelve rows of 31 slots, the days after a month ends left empty', () => {
    const rows = buildYearGrid(2026, '2026-12-31', new Map())
    expect(rows.map((r) => r.label)).toEqual([
      'Jan',
      'Feb',
      'Mar',
      'Apr',
      'May',
      'Jun',
      'Jul',
      'Aug',
      'Sep',
      'Oct',
      'Nov',
      'Dec',
    ])
    expect(rows.every((r) => r.days.length === 31)).toBe(true)
    const lengths = rows.map((r) => r.days.filter((c) => c !== null).length)
    expect(lengths).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
    expect(rows[3].days[29]?.date).toBe('2026-04-30')
    expect(rows[3].days[30]).toBeNull()
  })
  it('knows leap years: 29 February in 2024 and 2000, not in 2026 or 1900', () => {
    expect(buildYearGrid(2024, '2024-12-31', new Map())[1].days[28]?.date).toBe('2024-02-29')
    expect(buildYearGrid(2026, '2026-12-31', new Map())[1].days[28]).toBeNull()
    expect([daysInMonth(2000, 2), daysInMonth(1900, 2), daysInMonth(2024, 2)]).toEqual([29, 28, 29])
  })
  it('carries each day’s data and marks the days after today as future', () => {
    const data = new Map<string, DayDatum>([['2026-03-14', { value: 1, count: 1, pixel: 4 }]])
    const rows = buildYearGrid(2026, '2026-12-05', data)
    expect(rows[2].days[13]).toMatchObject({ date: '2026-03-14', count: 1, future: false })
    expect(rows[11].days[4]?.future).toBe(false)
    expect(rows[11].days[5]?.future).toBe(true)
  })
})

describe('moving with the keyboard', () => {
  it('on the heat map, up and down are a day and left and right a week', () => {
    expect(stepInWeeks('2026-12-01', 'ArrowUp')).toBe('2026-11-30')
    expect(stepInWeeks('2026-12-31', 'ArrowDown')).toBe('2027-01-01')
    expect(stepInWeeks('2026-12-01', 'ArrowLeft')).toBe('2026-11-24')
    expect(stepInWeeks('2026-12-01', 'ArrowRight')).toBe('2026-12-08')
    expect(stepInWeeks('2026-12-01', 'Tab')).toBeNull()
  })
  it('in a year in pixels, left and right are a day, up and down a month, kept within shorter months', () => {
    expect(stepInMonths('2026-03-01', 'ArrowLeft')).toBe('2026-02-28')
    expect(stepInMonths('2024-02-29', 'ArrowRight')).toBe('2024-03-01')
    expect(stepInMonths('2026-03-31', 'ArrowUp')).toBe('2026-02-28')
    expect(stepInMonths('2024-03-31', 'ArrowUp')).toBe('2024-02-29')
    expect(stepInMonths('2026-01-31', 'ArrowDown')).toBe('2026-02-28')
    expect(stepInMonths('2026-05-31', 'ArrowDown')).toBe('2026-06-30')
    expect(stepInMonths('2026-12-15', 'ArrowDown')).toBe('2027-01-15')
    expect(stepInMonths('2026-04-17', 'Home')).toBe('2026-04-01')
    expect(stepInMonths('2026-04-17', 'End')).toBe('2026-04-30')
    expect(stepInMonths('2024-02-03', 'End')).toBe('2024-02-29')
    expect(stepInMonths('2026-04-17', 'PageUp')).toBeNull()
  })
  it('keeps the cursor within the grid', () => {
    expect(clampDate('2027-01-15', '2026-01-01', '2026-12-05')).toBe('2026-12-05')
    expect(clampDate('2025-12-31', '2026-01-01', '2026-12-05')).toBe('2026-01-01')
    expect(clampDate('2026-06-01', '2026-01-01', '2026-12-05')).toBe('2026-06-01')
  })
})
