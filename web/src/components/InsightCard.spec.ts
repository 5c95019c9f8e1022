import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Tracker } from '@/api/types'
import { finding } from '@/testing/insights'
import { trackerFixture } from '@/testing/trackers'
import InsightCard from './InsightCard.vue'

const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
})

const trackers = new Map<number, Tracker>([
  [3, trackerFixture('boolean', {}, { id: 3, name: 'Meditate', icon: '🧘' })],
  [1, trackerFixture('rating', { scale: 5 }, { id: 1, name: 'Mood' })],
])

function mountCard(f = finding()) {
  return mount(InsightCard, { props: { finding: f, trackers }, global: { plugins: [router] } })
}

describe('InsightCard', () => {
  it('heads the card with the server’s sentence, as it is', () => {
    const w = mountCard()
    expect(w.find('h3').text()).toBe(finding().sentence)
    expect(w.find('article').attributes('aria-labelledby')).toBe(w.find('h3').attributes('id'))
  })

  it('draws the groups as bars named with their means and periods', () => {
    const w = mountCard()
    const chart = w.get('svg[role="img"]')
    expect(chart.findAll('rect')).toHaveLength(2)
    expect(chart.attributes('aria-label')).toContain('Yes 4.1 (40 days), No 3.2 (20 days)')
  })

  it('gives the numbers behind it and the test in plain words', () => {
    const text = mountCard().get('.numbers').text()
    expect(text).toContain('60 days')
    expect(text).toContain('difference +0.9 (95 % CI +0.5 to +1.3)')
    expect(text).toContain('p < 0.001')
    expect(text).toContain('difference of means')
  })

  it('links to both trackers, and names one it does not know by its number', () => {
    const links = mountCard().findAll('a')
    expect(links.map((a) => [a.text(), a.attributes('href')])).toEqual([
      ['🧘Meditate', '/trackers/3'],
      ['Mood', '/trackers/1'],
    ])
    expect(mountCard(finding({ tracker_ids: [3, 9] })).text()).toContain('Tracker 9')
  })

  it('draws a trend as a line of weekly means', () => {
    const w = mountCard(
      finding({
        kind: 'trend',
        tracker_ids: [1],
        test: 'spearman',
        window_days: 90,
        groups: [
          { label: 'w1', n: 7, mean: 3 },
          { label: 'w2', n: 0, mean: null },
          { label: 'w3', n: 7, mean: 3.5 },
          { label: 'w4', n: 7, mean: 4 },
        ].map((g) => ({ ...g, sd: null })),
      }),
    )
    expect(w.findAll('polyline')).toHaveLength(1) // the empty week breaks the line; w1 stands alone
    expect(w.findAll('circle')).toHaveLength(3)
    expect(w.text()).toContain('90 days ago')
  })

  it('marks a finding that did not survive the correction as maybe chance', () => {
    const w = mountCard(finding({ reliable: false }))
    expect(w.find('article').classes()).toContain('unreliable')
    expect(w.text()).toContain('may be chance')
  })
})
