import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import SparkLine from './SparkLine.vue'

describe('SparkLine', () => {
  it('breaks the line where nothing was logged', () => {
    const w = mount(SparkLine, { props: { values: [1, 2, null, 3, 4, null, 5] } })
    expect(w.findAll('polyline')).toHaveLength(2)
    expect(w.findAll('circle').length).toBe(2) // the lone last point, and the end marker
  })
  it('draws bars for counts', () => {
    const w = mount(SparkLine, { props: { values: [0, 2, null, 4], bars: true } })
    expect(w.findAll('rect')).toHaveLength(3)
  })
  it('draws a dashed baseline when there is nothing at all', () => {
    const w = mount(SparkLine, { props: { values: [null, null] } })
    expect(w.find('.spark-empty').exists()).toBe(true)
  })
})
