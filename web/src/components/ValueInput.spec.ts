import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import type { LogValue, TrackerOptions, TrackerType } from '@/api/types'
import ValueInput from './ValueInput.vue'

function make(type: TrackerType, options: TrackerOptions = {}, modelValue: LogValue | null = null) {
  return mount(ValueInput, { props: { tracker: { type, options, unit: 'kg', name: 'T' }, modelValue } })
}
const last = (w: ReturnType<typeof make>) => w.emitted('update:modelValue')?.at(-1)?.[0]

describe('ValueInput', () => {
  it('numeric: emits the number, or null while not a number', async () => {
    const w = make('numeric')
    await w.get('input').setValue('7.25')
    expect(last(w)).toBe(7.25)
    await w.get('input').setValue('7.2.5')
    expect(last(w)).toBeNull()
    await w.get('input').trigger('blur')
    expect(w.get('[role="alert"]').text()).toBe('Enter a number.')
  })

  it('duration: shows seconds as h:mm and reads h:mm back', async () => {
    const w = make('duration', {}, 5400)
    expect((w.get('input').element as HTMLInputElement).value).toBe('1:30')
    await w.get('input').setValue('2:05')
    expect(last(w)).toBe(7500)
  })

  it('duration: shows what a bare number logs, by the tracker entry unit', async () => {
    const hours = make('duration', { duration_unit: 'hours' })
    await hours.get('input').setValue('8')
    expect(last(hours)).toBe(8 * 3600)
    expect(hours.get('.field-hint').text()).toBe('8 → 8 h 00 min')
    const minutes = make('duration')
    await minutes.get('input').setValue('8')
    expect(last(minutes)).toBe(8 * 60)
    expect(minutes.get('.field-hint').text()).toBe('8 → 8 min')
  })

  it('duration: accepts 7:30, 7h30, 7.5h and 450m alike', async () => {
    const w = make('duration')
    for (const typed of ['7:30', '7h30', '7.5h', '450m']) {
      await w.get('input').setValue(typed)
      expect(last(w)).toBe(27000)
      expect(w.get('.field-hint').text()).toBe(`${typed} → 7 h 30 min`)
    }
  })

  it('duration: refuses nonsense and more than 24 hours', async () => {
    const w = make('duration')
    await w.get('input').setValue('lots')
    expect(last(w)).toBeNull()
    await w.get('input').trigger('blur')
    expect(w.get('[role="alert"]').text()).toBe('Enter a duration such as 7:30, 7h30, 7.5h or 450m.')
    await w.get('input').setValue('25:00')
    expect(last(w)).toBeNull()
    expect(w.get('[role="alert"]').text()).toBe('At most 24 h in one log.')
  })

  it('duration: asks phones for a keyboard with ":"', () => {
    const input = make('duration').get('input')
    expect(input.attributes('inputmode')).toBe('text')
    expect(input.attributes('pattern')).toBeUndefined()
  })

  it('boolean: Yes and No radios', async () => {
    const w = make('boolean')
    const radios = w.findAll('input[type="radio"]')
    await radios[1].trigger('change')
    expect(last(w)).toBe(false)
    await radios[0].trigger('change')
    expect(last(w)).toBe(true)
  })

  it('rating: one radio per step', async () => {
    const w = make('rating', { scale: 7 })
    const radios = w.findAll('input[type="radio"]')
    expect(radios).toHaveLength(7)
    await radios[5].trigger('change')
    expect(last(w)).toBe(6)
  })

  it('choice: a select of the labels', async () => {
    const w = make(
      'choice',
      {
        choices: [
          { id: 0, label: 'bad' },
          { id: 1, label: 'ok' },
        ],
      },
      'ok',
    )
    expect((w.get('select').element as HTMLSelectElement).value).toBe('ok')
    await w.get('select').setValue('bad')
    expect(last(w)).toBe('bad')
  })

  it('shows the server error for the value', () => {
    const w = mount(ValueInput, {
      props: {
        tracker: { type: 'numeric', options: {}, unit: '', name: 'T' },
        modelValue: 3,
        serverError: 'above max',
      },
    })
    expect(w.text()).toContain('above max')
  })
})
