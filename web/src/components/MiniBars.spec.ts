import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import MiniBars from './MiniBars.vue'

describe('MiniBars', () => {
  it('draws a bar per value, none where there is no value, and names them all', () => {
    const w = mount(MiniBars, {
      props: {
        label: 'Mood by weekday',
        bars: [
          { label: 'Mon', value: 3, spread: 0.5, caption: 'n 8', spoken: '8 days' },
          { label: 'Tue', value: null, caption: 'n 0', spoken: '0 days' },
          { label: 'Wed', value: 4 },
        ],
      },
    })
    expect(w.findAll('rect')).toHaveLength(2)
    expect(w.findAll('line.whisker')).toHaveLength(3) // one whisker and its two caps
    expect(w.get('svg').attributes('aria-label')).toBe(
      'Mood by weekday: Mon 3 ± 0.5 (8 days), Tue none (0 days), Wed 4',
    )
  })

  it('writes a range label on two lines, split after its dash', () => {
    const w = mount(MiniBars, {
      props: {
        label: 'Coffee',
        bars: [
          { label: '6:36 – 6:49', value: 2 },
          { label: '≥ 7:55', value: 1 },
        ],
      },
    })
    expect(
      w
        .findAll('text.label')[0]!
        .findAll('tspan')
        .map((t) => t.text()),
    ).toEqual(['6:36 –', '6:49'])
    expect(
      w
        .findAll('text.label')[1]!
        .findAll('tspan')
        .map((t) => t.text()),
    ).toEqual(['≥ 7:55'])
  })

  it('labels every nth bar only, when asked', () => {
    const bars = Array.from({ length: 24 }, (_, h) => ({ label: String(h), value: h % 5 }))
    const w = mount(MiniBars, { props: { label: 'Hours', bars, labelEvery: 3, showValues: false } })
    expect(w.findAll('text.label').map((t) => t.text())).toEqual(['0', '3', '6', '9', '12', '15', '18', '21'])
    expect(w.findAll('text.value')).toHaveLength(0)
  })
})
