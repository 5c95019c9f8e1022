import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { DayDatum } from '@/utils/dayGrid'
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
    expect(no.text()).toContain('no')
    expect(w.get('svg[role="img"]').attributes('aria-label')).toBe('Run: 2 of the last 55 days were yes.')
  })
})
