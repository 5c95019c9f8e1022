import { describe, expect, it } from 'vitest'
import type { StatsPoint } from '@/api/types'
import { dayDatumOf, describeDay, formatDay, mostLogged } from './dayValue'
import type { ValueShape } from './format'

const bucket = (b: Partial<StatsPoint>): StatsPoint => ({
  start: '2026-12-01T00:00:00+01:00',
  count: 1,
  sum: null,
  mean: null,
  min: null,
  max: null,
  value: null,
  ...b,
})

describe('a day in the tracker’s words', () => {
  it('a counter: the day’s total in its unit', () => {
    const water: ValueShape = { type: 'numeric', unit: 'glasses', options: { decimals: 0 } }
    expect(dayDatumOf(water, bucket({ count: 3, sum: 6, mean: 2 }))).toEqual({ value: 3, count: 3, words: '6 glasses' })
    expect(dayDatumOf(water, bucket({ count: 1, sum: 1, mean: 1 })).words).toBe('1 glass')
  })
  it('a measurement taken twice: its average; with a target, the target’s figure', () => {
    const weight: ValueShape = { type: 'numeric', unit: 'kg', options: { decimals: 1 } }
    expect(dayDatumOf(weight, bucket({ count: 2, sum: 156.4, mean: 78.2 })).words).toBe('78.2 kg on average of 2')
    expect(dayDatumOf(weight, bucket({ count: 1, sum: 78.2, mean: 78.2 })).words).toBe('78.2 kg')
    const capped = { ...weight, target: { op: 'at_most' as const, value: 80, aggregate: 'max' as const } }
    expect(dayDatumOf(capped, bucket({ count: 2, sum: 156.4, mean: 78.2, value: 78.4 })).words).toBe('78.4 kg')
  })
  it('a duration: h:mm', () => {
    expect(dayDatumOf({ type: 'duration' }, bucket({ count: 2, sum: 5400 })).words).toBe('1:30')
  })
  it('yes/no: yes, no, or both with how many', () => {
    const meds: ValueShape = { type: 'boolean' }
    expect(dayDatumOf(meds, bucket({ counts: { yes: 1, no: 0 }, sum: 1 }))).toEqual({
      value: 1,
      count: 1,
      words: 'yes',
    })
    expect(dayDatumOf(meds, bucket({ counts: { yes: 0, no: 1 }, sum: 0 })).words).toBe('no')
    expect(dayDatumOf(meds, bucket({ count: 3, counts: { yes: 2, no: 1 }, sum: 2 })).words).toBe('yes ×2, no')
  })
  it('a choice: each logged one in the list’s order; the pixel is the one logged most', () => {
    const mood: ValueShape = {
      type: 'choice',
      options: {
        choices: [
          { id: 1, label: 'Good' },
          { id: 2, label: 'Bad' },
          { id: 3, label: 'Meh' },
        ],
      },
    }
    const d = dayDatumOf(mood, bucket({ count: 3, counts: { Bad: 1, Good: 2 } }))
    expect(d).toEqual({ value: 3, count: 3, words: 'Good ×2, Bad', pixel: 'Good' })
    expect(dayDatumOf(mood, bucket({ count: 2, counts: { Meh: 1, Bad: 1 } })).pixel).toBe('Bad') // a tie: first in the list
    expect(mostLogged({ Gone: 2, Good: 1 }, ['Good'])).toBe('Gone') // a label no longer in the list still counts
  })
  it('a rating: the value with its label, or the average of several', () => {
    const energy: ValueShape = {
      type: 'rating',
      options: { scale: 5, labels: ['drained', 'low', 'okay', 'good', 'buzzing'] },
    }
    expect(dayDatumOf(energy, bucket({ count: 1, mean: 4, sum: 4 }))).toEqual({
      value: 1,
      count: 1,
      words: '4/5 · good',
      pixel: 4,
    })
    expect(dayDatumOf(energy, bucket({ count: 2, mean: 3.5, sum: 7 })).words).toBe('3.5/5 on average of 2')
  })
  it('text: the number of logs', () => {
    expect(dayDatumOf({ type: 'text' }, bucket({ count: 3 })).words).toBe('3 logs')
  })
  it('a tooltip: the day, then what it holds or that nothing was', () => {
    expect(describeDay('2026-12-01', { value: 1, count: 2, words: '6 glasses' })).toBe(
      `${formatDay('2026-12-01')} · 6 glasses`,
    )
    expect(describeDay('2026-12-01', undefined)).toBe(`${formatDay('2026-12-01')} · nothing logged`)
    expect(describeDay('2026-12-01', { value: 2, count: 2 })).toBe(`${formatDay('2026-12-01')} · 2 logs`)
    expect(formatDay('2026-12-01')).toMatch(/Tue/)
    expect(formatDay('2026-12-01')).toMatch(/2026/)
  })
})
