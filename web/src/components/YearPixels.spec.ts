import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { DayDatum } from '@/utils/dayGrid'
import { formatDay } from '@/utils/dayValue'
import YearPixels from './YearPixels.vue'

const rating = new Map<string, DayDatum>([
  ['2026-03-14', { value: 1, count: 1, words: '2/5', pixel: 2 }],
  ['2026-03-15', { value: 1, count: 1, words: '5/5', pixel: 5 }],
])

describe('YearPixels', () => {
  it('draws every day of the year by month, ratings from faint to full, future days without a link', () => {
    const w = mount(YearPixels, {
      props: {
        data: rating,
        year: 2026,
        today: '2026-12-05',
        scale: { kind: 'rating', scale: 5, labels: ['awful', 'bad', 'ok', 'good', 'great'] },
        color: '#16a34a',
        label: 'Mood',
      },
    })
    // Days up to today open; the 26 after it are drawn faint and lead nowhere.
    expect(w.findAll('rect[data-date]')).toHaveLength(365 - 26)
    expect(w.findAll('rect.pixels-future')).toHaveLength(26)
    expect(w.get('[data-date="2026-03-14"]').attributes('style')).toContain('#16a34a 55%')
    expect(w.get('[data-date="2026-03-15"]').attributes('style')).toContain('#16a34a 100%')
    expect(w.get('[data-date="2026-03-16"]').classes()).toContain('pixels-empty')
    expect(w.find('[data-date="2026-02-29"]').exists()).toBe(false)
    expect(w.get('svg[role="img"]').attributes('aria-label')).toBe('Mood in 2026: 2 days logged.')
    expect(w.get('ul').text()).toContain('1 awful')
    expect(w.get('ul').text()).toContain('5 great')
    expect(w.text()).toContain('A day with several logs shows their average.')
  })

  it('names each choice and its colour in the legend', () => {
    const w = mount(YearPixels, {
      props: {
        data: new Map([['2026-01-02', { value: 1, count: 1, words: 'Bad', pixel: 'Bad' }]]),
        year: 2026,
        today: '2026-12-05',
        scale: { kind: 'choice', choices: ['Good', 'Bad'] },
        color: '#16a34a',
        label: 'Mood',
      },
    })
    const items = w.findAll('li')
    expect(items.map((i) => i.text())).toEqual(['Good', 'Bad', 'Nothing logged'])
    const badSwatch = items[1].get('.swatch').attributes('style')
    const bad = w.get('[data-date="2026-01-02"]').attributes('style')!
    expect(bad.replace('fill', 'background')).toBe(badSwatch)
    expect(w.text()).toContain('the choice logged most')
  })

  it('moves by day and month with the keyboard, within the year and up to today, and opens a day', async () => {
    const w = mount(YearPixels, {
      props: {
        data: rating,
        year: 2026,
        today: '2026-12-05',
        scale: { kind: 'rating', scale: 5 },
        color: '#16a34a',
        label: 'Mood',
      },
    })
    const grid = w.get('[role="application"]')
    const live = () => w.get('[aria-live="polite"]').text()
    await grid.trigger('focus')
    expect(live()).toBe(`${formatDay('2026-12-05')} · nothing logged`)
    await grid.trigger('keydown', { key: 'ArrowDown' }) // January next year: not in this grid
    expect(live()).toContain(formatDay('2026-12-05'))
    for (let i = 0; i < 9; i++) await grid.trigger('keydown', { key: 'ArrowUp' })
    await grid.trigger('keydown', { key: 'Home' })
    expect(live()).toContain(formatDay('2026-03-01'))
    for (let i = 0; i < 13; i++) await grid.trigger('keydown', { key: 'ArrowRight' })
    expect(live()).toBe(`${formatDay('2026-03-14')} · 2/5`)
    await grid.trigger('keydown', { key: ' ' })
    expect(w.emitted('open')).toEqual([['2026-03-14']])
  })
})
