import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import BucketSelect from './BucketSelect.vue'

function select(hourAllowed: boolean, modelValue: 'auto' | 'hour' | 'day' = 'auto') {
  return mount(BucketSelect, { props: { id: 'bucket', auto: 'day', hourAllowed, modelValue } })
}

describe('BucketSelect', () => {
  it('offers every bucket for a range of up to 31 days', () => {
    const w = select(true)
    expect(w.get('option[value="hour"]').attributes('disabled')).toBeUndefined()
    expect(w.get('select').attributes('aria-describedby')).toBeUndefined()
    expect(w.text()).not.toContain('Hour is available')
    expect(w.get('option[value="auto"]').text()).toBe('Auto (day)')
  })

  it('disables Hour for a longer range, and says why beside the control', () => {
    const w = select(false)
    expect(w.get('option[value="hour"]').attributes('disabled')).toBeDefined()
    const hint = w.get(`#${w.get('select').attributes('aria-describedby')}`)
    expect(hint.text()).toBe('Hour is available for ranges up to 31 days.')
  })

  it('reports the bucket picked', async () => {
    const w = select(true)
    await w.get('select').setValue('week')
    expect(w.emitted('update:modelValue')).toEqual([['week']])
  })
})
