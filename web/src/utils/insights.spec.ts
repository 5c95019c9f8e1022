import { describe, expect, it } from 'vitest'
import type { InsightRhythm, Insights } from '@/api/types'
import { finding } from '@/testing/insights'
import {
  findingNumbers,
  formatEffect,
  formatMean,
  formatP,
  hasWeekdays,
  showsTimeSinceLast,
  timeSinceLast,
  trackerHighlights,
  valuedTrackerId,
} from './insights'

describe('insight numbers', () => {
  it('writes p and q with two significant digits, tiny ones as "< 0.001"', () => {
    expect(formatP(0.00002)).toBe('< 0.001')
    expect(formatP(0.0123)).toBe('0.012')
    expect(formatP(0.31)).toBe('0.31')
    expect(formatP(1)).toBe('1')
  })

  it('names the periods, the effect with its interval, p, q and the test', () => {
    expect(findingNumbers(finding(), { type: 'rating' })).toEqual([
      '60 days',
      'difference +0.9 (95 % CI +0.5 to +1.3)',
      'p < 0.001',
      'q < 0.001',
      'difference of means',
    ])
  })

  it('writes each kind of effect in its own terms', () => {
    expect(formatEffect(finding({ test: 'spearman', effect: -0.52, ci_low: -0.7, ci_high: -0.3 }), undefined)).toBe(
      'ρ −0.52 (95 % CI −0.7 to −0.3)',
    )
    expect(
      formatEffect(finding({ test: 'difference_of_rates', effect: 0.18, ci_low: 0.05, ci_high: 0.31 }), undefined),
    ).toBe('difference +18 percentage points (95 % CI +5 to +31)')
    expect(formatEffect(finding({ effect: 1800, ci_low: -60, ci_high: 3600 }), { type: 'duration' })).toBe(
      'difference +0:30 (95 % CI −0:01 to +1:00)',
    )
    expect(
      formatEffect(finding({ kind: 'weekday', test: 'kruskal_wallis', effect: 1.1, ci_low: null, ci_high: null }), {
        type: 'rating',
      }),
    ).toBe('range 1.1 between weekdays')
  })

  it('reads a group mean as a share of yes, a duration or a number with its unit', () => {
    expect(formatMean({ type: 'boolean' }, 0.625)).toBe('63%')
    expect(formatMean({ type: 'duration' }, 27000)).toBe('7:30')
    expect(formatMean({ type: 'numeric', unit: 'kg' }, 78.44)).toBe('78.4 kg')
    expect(formatMean({ type: 'rating' }, 4.19)).toBe('4.2')
    expect(formatMean({ type: 'numeric', unit: 'cups' }, 0.35)).toBe('0.35 cups')
    expect(formatMean(undefined, null)).toBe('—')
  })
})

const rhythm = (extra: Partial<InsightRhythm> = {}): InsightRhythm => ({
  tracker_id: 1,
  weekday: [],
  hour: [],
  last_at: '2026-12-07T09:00:00Z',
  typical_gap_days: 2,
  ...extra,
})

describe('valuedTrackerId', () => {
  const types = new Map([
    [1, 'rating'],
    [3, 'boolean'],
    [4, 'choice'],
  ] as const)
  const typeOf = (id: number) => types.get(id as 1 | 3 | 4)
  it('is the second tracker when the first makes the groups, or for a correlation', () => {
    expect(valuedTrackerId(finding({ tracker_ids: [3, 1] }), typeOf)).toBe(1)
    expect(valuedTrackerId(finding({ tracker_ids: [4, 1], choice_ids: [2, null] }), typeOf)).toBe(1)
    expect(valuedTrackerId(finding({ tracker_ids: [1, 4], test: 'spearman' }), typeOf)).toBe(4)
  })
  it('is the first when only the second is a yes or a choice (“Before days you logged…”)', () => {
    expect(valuedTrackerId(finding({ tracker_ids: [1, 4], choice_ids: [null, 2], lag: 1 }), typeOf)).toBe(1)
    expect(valuedTrackerId(finding({ tracker_ids: [1, 3], lag: 1 }), typeOf)).toBe(1)
  })
  it('is the only tracker of a rhythm or a trend', () => {
    expect(valuedTrackerId(finding({ kind: 'trend', tracker_ids: [4] }), typeOf)).toBe(4)
  })
})

describe('time since last', () => {
  const now = Date.parse('2026-12-10T10:00:00Z')
  it('says when it was last logged and how often it usually is', () => {
    expect(timeSinceLast({ type: 'boolean' }, rhythm(), 'Europe/Paris', now)).toBe(
      'Last yes 3 days ago · usually every 2 days',
    )
    expect(timeSinceLast({ type: 'numeric' }, rhythm({ typical_gap_days: 1 }), 'UTC', now)).toBe(
      'Last logged 3 days ago · usually every day',
    )
    expect(timeSinceLast({ type: 'numeric' }, rhythm({ typical_gap_days: 3.5 }), 'UTC', now)).toMatch(/every 3.5 days$/)
    expect(timeSinceLast({ type: 'boolean' }, rhythm({ typical_gap_days: null }), 'UTC', now)).toBe(
      'Last yes 3 days ago',
    )
    expect(timeSinceLast({ type: 'boolean' }, rhythm({ last_at: null }), 'UTC', now)).toBeNull()
  })

  it('is for yes/no trackers and counters, not for levels', () => {
    expect(showsTimeSinceLast({ type: 'boolean' })).toBe(true)
    expect(showsTimeSinceLast({ type: 'numeric', unit: 'cups' })).toBe(true)
    expect(showsTimeSinceLast({ type: 'numeric', target: { op: 'at_most', value: 80, aggregate: 'average' } })).toBe(
      false,
    )
    expect(showsTimeSinceLast({ type: 'rating' })).toBe(false)
  })

  it('shows a weekday rhythm only when some weekday has periods', () => {
    expect(hasWeekdays(undefined)).toBe(false)
    expect(hasWeekdays(rhythm({ weekday: [{ weekday: 1, n: 0, mean: null, sd: null }] }))).toBe(false)
    expect(hasWeekdays(rhythm({ weekday: [{ weekday: 1, n: 2, mean: 3, sd: 1 }] }))).toBe(true)
  })
})

describe('trackerHighlights', () => {
  it('takes up to three relationships, reliable first, and the trend', () => {
    const insights: Insights = {
      from: '',
      to: '',
      comparisons: 10,
      false_discovery_rate: 0.05,
      findings: [
        finding({ key: 'a' }),
        finding({ key: 'w', kind: 'weekday' }),
        finding({ key: 'b' }),
        finding({ key: 't', kind: 'trend' }),
      ],
      not_reliable: [finding({ key: 'c', reliable: false }), finding({ key: 'd', reliable: false })],
      rhythms: [],
    }
    const h = trackerHighlights(insights)
    expect(h.relationships.map((f) => f.key)).toEqual(['a', 'b', 'c'])
    expect(h.trend?.key).toBe('t')
  })
})
