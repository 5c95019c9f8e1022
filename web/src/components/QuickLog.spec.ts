import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { forgetTimerStates } from '@/composables/useDurationTimer'
import { trackerFixture } from '@/testing/trackers'
import QuickLog from './QuickLog.vue'

const tracker = trackerFixture

function logged(w: ReturnType<typeof mount>) {
  return (w.emitted('log') ?? []).map((e) => e[0])
}

describe('QuickLog', () => {
  it('boolean: Yes logs true and No logs false', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('boolean') } })
    await w.get('[aria-label="Log yes for T"]').trigger('click')
    await w.get('[aria-label="Log no for T"]').trigger('click')
    expect(logged(w)).toEqual([true, false])
  })

  it('rating: one button per step, each logs its number', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('rating', { scale: 4, labels: ['a', 'b', 'c', 'd'] }) } })
    const buttons = w.findAll('[role="group"] button')
    expect(buttons).toHaveLength(4)
    expect(buttons[2].attributes('aria-label')).toBe('Rate T 3 of 4 (c)')
    await buttons[2].trigger('click')
    expect(logged(w)).toEqual([3])
  })

  it('choice: logs the label clicked', async () => {
    const w = mount(QuickLog, {
      props: { tracker: tracker('choice', { choices: ['bad', 'ok', 'good'].map((label, id) => ({ id, label })) }) },
    })
    await w.get('[aria-label="Log ok for T"]').trigger('click')
    expect(logged(w)).toEqual(['ok'])
  })

  it('choice with many options: a select and a Log button', async () => {
    const choices = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const w = mount(QuickLog, {
      props: { tracker: tracker('choice', { choices: choices.map((label, id) => ({ id, label })) }) },
    })
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual([])
    expect(w.text()).toContain('Pick one.')
    await w.get('select').setValue('f')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual(['f'])
  })

  it('numeric: reads the number typed (decimal comma too) and clears the field', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', { decimals: 1 }, { unit: 'kg' }) } })
    expect(w.text()).toContain('kg')
    const input = w.get('input')
    await input.setValue('72,5')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual([72.5])
    expect((input.element as HTMLInputElement).value).toBe('')
  })

  it('numeric: a neutral placeholder, and the last value as help text beside it', async () => {
    const last = { id: 9, uid: 'u', value: 3, logged_at: '2026-02-18T09:00:00Z' }
    const period = { start: '', end: '', count: 1, value: 3, status: 'not_yet' as const, done: false }
    const summary = { last, period, current_streak: 0, best_streak: 0, trend: [] }
    const w = mount(QuickLog, {
      props: { tracker: tracker('numeric', { decimals: 0 }, { unit: 'glasses', summary }) },
    })
    const input = w.get('input')
    expect(input.attributes('placeholder')).toBe('Amount')
    const help = w.get(`#${input.attributes('aria-describedby')}`)
    expect(help.text()).toBe('Last: 3 glasses')
    await input.setValue('abc')
    await w.get('form').trigger('submit')
    expect(input.attributes('aria-describedby')!.split(' ')).toHaveLength(2) // the error, then the last value
    expect(w.get(`#${input.attributes('aria-describedby')!.split(' ')[0]}`).text()).toBe('Enter a number.')
  })

  it('numeric: no help text before the first log', () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', { decimals: 0 }, { unit: 'glasses' }) } })
    expect(w.get('input').attributes('placeholder')).toBe('Amount')
    expect(w.get('input').attributes('aria-describedby')).toBeUndefined()
    expect(w.text()).not.toContain('Last:')
  })

  it('numeric: refuses text and values outside min/max, with a message', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', { min: 0, max: 10, decimals: 0 }) } })
    await w.get('input').setValue('abc')
    await w.get('form').trigger('submit')
    expect(w.get('[role="alert"]').text()).toBe('Enter a number.')
    await w.get('input').setValue('11')
    await w.get('form').trigger('submit')
    expect(w.get('[role="alert"]').text()).toBe('At most 10.')
    expect(logged(w)).toEqual([])
  })

  it('numeric whole numbers: +1 logs 1 in one click', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', { decimals: 0 }) } })
    await w.get('[aria-label="Add 1 to T"]').trigger('click')
    expect(logged(w)).toEqual([1])
  })

  it('duration: reads h:mm as seconds, and refuses a bad time', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('duration') } })
    await w.get('input').setValue('1:75')
    await w.get('form').trigger('submit')
    expect(w.get('[role="alert"]').text()).toBe('Enter a duration such as 7:30, 7h30, 7.5h or 450m.')
    await w.get('input').setValue('7:30')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual([27000])
  })

  it('duration: shows what it will log before logging, by the entry unit', async () => {
    const sleep = mount(QuickLog, { props: { tracker: tracker('duration', { duration_unit: 'hours' }) } })
    await sleep.get('input').setValue('8')
    expect(sleep.get('.field-hint').text()).toBe('8 → 8 h 00 min')
    await sleep.get('form').trigger('submit')
    expect(logged(sleep)).toEqual([8 * 3600])
    const reading = mount(QuickLog, { props: { tracker: tracker('duration') } })
    await reading.get('input').setValue('8')
    expect(reading.get('.field-hint').text()).toBe('8 → 8 min')
    expect(reading.get('input').attributes('inputmode')).toBe('text')
  })

  it('duration: refuses more than 24 hours in one log', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('duration') } })
    await w.get('input').setValue('25:00')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual([])
    expect(w.get('[role="alert"]').text()).toBe('At most 24 h in one log.')
    await w.get('input').setValue('7:45')
    expect(w.find('[role="alert"]').exists()).toBe(false)
    expect(w.get('.field-hint').text()).toBe('7:45 → 7 h 45 min')
  })

  it('text: logs the trimmed text, never an empty one', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('text') } })
    await w.get('input').setValue('   ')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual([])
    await w.get('input').setValue('  Slept well ')
    await w.get('form').trigger('submit')
    expect(logged(w)).toEqual(['Slept well'])
  })

  it('one tap logs without a note; "Add note" reveals a field whose note goes with the next log only', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('boolean', {}, { name: 'Meds' }) }, attachTo: document.body })
    await w.get('[aria-label="Log yes for Meds"]').trigger('click')
    const toggle = w.get('button[aria-expanded]')
    expect(toggle.text()).toContain('Add note')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    const field = w.get(`#${toggle.attributes('aria-controls')}`)
    expect(field.isVisible()).toBe(false)
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    expect(field.isVisible()).toBe(true)
    const note = w.get('input[placeholder="Note with the next log"]')
    expect(document.activeElement).toBe(note.element)
    await note.setValue('  with food ')
    await w.get('[aria-label="Log no for Meds"]').trigger('click')
    await w.get('[aria-label="Log yes for Meds"]').trigger('click')
    expect(w.emitted('log')).toEqual([
      [true, {}],
      [false, { note: 'with food' }],
      [true, {}],
    ])
    expect((note.element as HTMLInputElement).value).toBe('')
    expect(toggle.attributes('aria-expanded')).toBe('false')
    w.unmount()
  })

  it('a note that was removed is not sent', async () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', { decimals: 0 }) } })
    await w.get('button[aria-expanded]').trigger('click')
    await w.get('input[placeholder="Note with the next log"]').setValue('oops')
    await w.get('button[aria-expanded]').trigger('click') // "Remove note"
    await w.get('[aria-label="Add 1 to T"]').trigger('click')
    expect(w.emitted('log')).toEqual([[1, {}]])
  })

  it('duration: a timer only when given a way to save its log, which carries the note', async () => {
    localStorage.clear()
    forgetTimerStates()
    const plain = mount(QuickLog, { props: { tracker: tracker('duration', {}, { id: 41 }) } })
    expect(plain.find('[aria-label="Start timer for T"]').exists()).toBe(false)
    const saved: unknown[] = []
    const w = mount(QuickLog, {
      props: {
        tracker: tracker('duration', {}, { id: 41 }),
        tz: 'UTC',
        saveTimer: async (seconds: number, extra: object) => {
          saved.push([seconds, extra])
        },
      },
    })
    await w.get('[aria-label="Start timer for T"]').trigger('click')
    await w.get('button[aria-expanded]').trigger('click')
    await w.get('input[placeholder="Note with the next log"]').setValue('chapter 3')
    await w.get('[aria-label="Stop timer for T and log it"]').trigger('click')
    await flushPromises()
    expect(saved).toHaveLength(1)
    expect(saved[0]).toMatchObject([0, { note: 'chapter 3' }])
    expect(w.find('[aria-label="Start timer for T"]').exists()).toBe(true)
    expect((w.get('input[placeholder="Note with the next log"]').element as HTMLInputElement).value).toBe('')
  })

  it('labels every control for assistive technology', () => {
    const w = mount(QuickLog, { props: { tracker: tracker('numeric', {}, { name: 'Water' }) } })
    const input = w.get('input')
    const label = w.get(`label[for="${input.attributes('id')}"]`)
    expect(label.text()).toContain('Water')
  })
})
