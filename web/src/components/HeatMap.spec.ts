import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { DayDatum } from '@/utils/dayGrid'
import { formatDay } from '@/utils/dayValue'
import HeatMap from './HeatMap.vue'

describe('HeatMap', () => {
  it('draws a square per past day, coloured by level, with a readable summary', () => {
    const data = new Map<string, DayDatum>([
      ['2026-11-27', { value: 2, count: 2 }],
      ['2026-11-26', { value: 1, count: 1 }],
      ['2026-11-25', { value: 0, count: 1 }],
    ])
    const w = mount(HeatMap, {
      props: { data, end: '2026-11-28', color: '#16a34a', mode: 'boolean', label: 'Run', weeks: 8 },
    })
    const cells = w.findAll('rect[data-date]')
    // 8 weeks, less the Sunday after the end.
    expect(cells).toHaveLength(8 * 7 - 1)
    expect(w.get('[data-date="2026-11-27"]').attributes('data-level')).toBe('4')
    expect(w.get('[data-date="2026-11-26"]').attributes('data-level')).toBe('2')
    const no = w.get('[data-date="2026-11-25"]')
    expect(no.attributes('data-level')).toBe('0')
    expect(no.attributes('stroke')).toBe('#16a34a')
    expect(w.get('svg[role="img"]').attributes('aria-label')).toBe('Run: 2 of the last 55 days were yes.')
  })

  const data = new Map<string, DayDatum>([
    ['2026-11-27', { value: 2, count: 2, words: '6 glasses' }],
    ['2026-11-20', { value: 1, count: 1, words: '2 glasses' }],
  ])
  const mountWater = () =>
    mount(HeatMap, { props: { data, end: '2026-11-28', color: '#2563eb', label: 'Water', weeks: 8 } })

  it('shows a day and its value in a tooltip on hover, and opens it on click', async () => {
    const w = mountWater()
    expect(w.find('[role="tooltip"]').exists()).toBe(false)
    await w.get('[data-date="2026-11-27"]').trigger('pointermove', { pointerType: 'mouse' })
    expect(w.get('[role="tooltip"]').text()).toBe(`${formatDay('2026-11-27')} · 6 glasses`)
    await w.get('[data-date="2026-11-26"]').trigger('pointermove', { pointerType: 'mouse' })
    expect(w.get('[role="tooltip"]').text()).toMatch(/· nothing logged$/)
    await w.get('.day-cells').trigger('pointerleave')
    expect(w.find('[role="tooltip"]').exists()).toBe(false)
    await w.get('[data-date="2026-11-20"]').trigger('click')
    expect(w.emitted('open')).toEqual([['2026-11-20']])
  })

  it('is one tab stop; arrows move by day and week, Home and End to the ends, Enter opens', async () => {
    const w = mountWater()
    const grid = w.get('[role="application"]')
    expect(grid.attributes('tabindex')).toBe('0')
    expect(w.findAll('[tabindex]')).toHaveLength(1)
    expect(grid.attributes('aria-label')).toBe('Water, day by day')
    await grid.trigger('focus')
    // The cursor starts on the last day, and says what it holds.
    const live = () => w.get('[aria-live="polite"]').text()
    expect(live()).toBe(`${formatDay('2026-11-28')} · nothing logged`)
    expect(w.get('[role="tooltip"]').text()).toBe(live())
    await grid.trigger('keydown', { key: 'ArrowUp' })
    expect(live()).toBe(`${formatDay('2026-11-27')} · 6 glasses`)
    await grid.trigger('keydown', { key: 'ArrowLeft' })
    expect(live()).toBe(`${formatDay('2026-11-20')} · 2 glasses`)
    await grid.trigger('keydown', { key: 'ArrowRight' })
    await grid.trigger('keydown', { key: 'ArrowRight' }) // past the end: stays on the last day
    expect(live()).toMatch(formatDay('2026-11-28'))
    await grid.trigger('keydown', { key: 'Home' })
    expect(live()).toMatch(formatDay('2026-10-05')) // the grid's first Monday
    await grid.trigger('keydown', { key: 'End' })
    await grid.trigger('keydown', { key: 'ArrowUp' })
    await grid.trigger('keydown', { key: 'Enter' })
    expect(w.emitted('open')).toEqual([['2026-11-27']])
    await grid.trigger('blur')
    expect(live()).toBe('')
  })
})
