import { describe, expect, it } from 'vitest'
import { buildDayGrid, levelFor, type DayDatum } from './dayGrid'

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
