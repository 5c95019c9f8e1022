import { afterEach, describe, expect, it, vi } from 'vitest'
import { mount } from '@vue/test-utils'
import type { Log, Tracker } from '@/api/types'
import LogEditor from './LogEditor.vue'

const water: Tracker = {
  id: 7,
  name: 'Water',
  description: '',
  unit: 'glasses',
  type: 'numeric',
  frequency: 'daily',
  options: { decimals: 0 },
  target: null,
  color: '#2563eb',
  icon: '',
  position: 0,
  archived: false,
  reminders: true,
  reminder_schedule: null,
  created_at: '',
  updated_at: '',
}

describe('LogEditor', () => {
  it('sends the value and note, and no time when "when" is left empty (now)', async () => {
    const w = mount(LogEditor, { props: { tracker: water, tz: 'Europe/Paris' } })
    await w.get('input[inputmode="decimal"]').setValue('3')
    await w.findAll('input').at(-1)!.setValue('  after lunch ')
    await w.get('form').trigger('submit')
    expect(w.emitted('save')).toEqual([[{ value: 3, note: 'after lunch' }]])
  })

  it('reads "when" as wall-clock time in the user zone', async () => {
    const w = mount(LogEditor, { props: { tracker: water, tz: 'America/New_York' } })
    await w.get('input[inputmode="decimal"]').setValue('2')
    await w.get('input[type="datetime-local"]').setValue('2026-07-04T09:30')
    await w.get('form').trigger('submit')
    expect(w.emitted('save')![0][0]).toMatchObject({ value: 2, logged_at: '2026-07-04T09:30:00-04:00' })
  })

  describe('on a pinned clock', () => {
    afterEach(() => {
      vi.useRealTimers()
    })

    it('stops the date picker at now, in the user zone', () => {
      vi.useFakeTimers({ now: Date.parse('2027-02-10T10:00:00Z') })
      const w = mount(LogEditor, { props: { tracker: water, tz: 'Europe/Paris' } })
      expect(w.get('input[type="datetime-local"]').attributes('max')).toBe('2027-02-10T11:00')
    })

    it('refuses a time in the future before sending it', async () => {
      vi.useFakeTimers({ now: Date.parse('2027-02-10T10:00:00Z') })
      const w = mount(LogEditor, { props: { tracker: water, tz: 'Europe/Paris' } })
      await w.get('input[inputmode="decimal"]').setValue('2')
      await w.get('input[type="datetime-local"]').setValue('2027-06-01T08:00')
      await w.get('form').trigger('submit')
      expect(w.emitted('save')).toBeUndefined()
      expect(w.get('[role="alert"]').text()).toBe('That time is in the future: a log records what already happened.')
      await w.get('input[type="datetime-local"]').setValue('2027-02-10T11:03')
      await w.get('form').trigger('submit')
      expect(w.emitted('save')![0][0]).toMatchObject({ value: 2, logged_at: '2027-02-10T11:03:00+01:00' })
    })
  })

  it('starts from the log being edited, shown in the user zone', () => {
    const log: Log = {
      id: 1,
      uid: '4f1c2a9e-7b3d-4c8e-9a61-2d5f0e8b7c43',
      tracker_id: 7,
      value: 5,
      logged_at: '2026-11-28T07:15:00Z',
      note: 'hot day',
      created_at: '',
      updated_at: '',
    }
    const w = mount(LogEditor, {
      props: { tracker: water, tz: 'Europe/Paris', log, submitLabel: 'Save', cancellable: true },
    })
    expect((w.get('input[inputmode="decimal"]').element as HTMLInputElement).value).toBe('5')
    expect((w.get('input[type="datetime-local"]').element as HTMLInputElement).value).toBe('2026-11-28T08:15')
    expect(w.text()).toContain('Cancel')
  })

  it('refuses to send without a value', async () => {
    const w = mount(LogEditor, { props: { tracker: water, tz: 'UTC' } })
    await w.get('form').trigger('submit')
    expect(w.emitted('save')).toBeUndefined()
    expect(w.text()).toContain('Enter a value first.')
  })

  it('shows the server field errors', () => {
    const w = mount(LogEditor, {
      props: { tracker: water, tz: 'UTC', errors: { value: 'must be at most 10', logged_at: 'must be RFC 3339' } },
    })
    expect(w.text()).toContain('must be at most 10')
    expect(w.text()).toContain('must be RFC 3339')
  })
})

describe('LogEditor reset', () => {
  it('comes back blank and without errors after a log was added', async () => {
    const w = mount(LogEditor, { props: { tracker: water, tz: 'UTC' } })
    await w.get('input[inputmode="decimal"]').setValue('4')
    await w.get('form').trigger('submit')
    ;(w.vm as unknown as { reset: () => void }).reset()
    await w.vm.$nextTick()
    expect((w.get('input[inputmode="decimal"]').element as HTMLInputElement).value).toBe('')
    expect(w.find('[role="alert"]').exists()).toBe(false)
  })
})
