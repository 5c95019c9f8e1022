import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { h } from 'vue'
import FormField from './FormField.vue'

function field(props: { error?: string; hint?: string; aside?: string }) {
  return mount(FormField, {
    props: { id: 'f-email', label: 'Email', ...props },
    slots: { default: (control: Record<string, unknown>) => h('input', control) },
  })
}

describe('FormField', () => {
  it('labels its control', () => {
    const w = field({})
    expect(w.get('label').attributes('for')).toBe('f-email')
    expect(w.get('label').text()).toBe('Email')
    expect(w.get('input').attributes('id')).toBe('f-email')
    expect(w.get('input').attributes('aria-invalid')).toBeUndefined()
    expect(w.get('input').attributes('aria-describedby')).toBeUndefined()
  })

  it('shows the hint, tied to the control, while there is no error', () => {
    const w = field({ hint: '8 to 128 characters.' })
    expect(w.get('#f-email-h').text()).toBe('8 to 128 characters.')
    expect(w.get('input').attributes('aria-describedby')).toBe('f-email-h')
  })

  it('shows the error instead of the hint, and marks the control invalid', () => {
    const w = field({ hint: '8 to 128 characters.', error: 'Use at least 8 characters.' })
    expect(w.get('#f-email-e').text()).toBe('Use at least 8 characters.')
    expect(w.find('#f-email-h').exists()).toBe(false)
    expect(w.get('input').attributes('aria-invalid')).toBe('true')
    expect(w.get('input').attributes('aria-describedby')).toBe('f-email-e')
  })

  it('adds the words after the label in parentheses', () => {
    expect(field({ aside: 'optional' }).get('label').text()).toBe('Email (optional)')
    expect(field({ aside: '' }).get('label').text()).toBe('Email')
  })

  it('takes a hint with more than words in it, tied to the control the same way', () => {
    const w = mount(FormField, {
      props: { id: 'f-tz', label: 'Time zone' },
      slots: {
        default: (control: Record<string, unknown>) => h('select', control),
        hint: () => ['Days are counted in this zone. ', h('button', { type: 'button' }, 'Use this one')],
      },
    })
    expect(w.get('#f-tz-h').text()).toBe('Days are counted in this zone. Use this one')
    expect(w.get('select').attributes('aria-describedby')).toBe('f-tz-h')
    expect(w.get('#f-tz-h').find('button').exists()).toBe(true)
  })
})
