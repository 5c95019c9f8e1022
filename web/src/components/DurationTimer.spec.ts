import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { forgetTimerStates, TIMER_KEY_PREFIX } from '@/composables/useDurationTimer'
import { useToast } from '@/composables/useToast'
import DurationTimer from './DurationTimer.vue'

const START = Date.parse('2026-12-10T10:00:00Z')

describe('DurationTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(START)
    localStorage.clear()
    forgetTimerStates()
  })
  afterEach(() => {
    useToast().toasts.splice(0)
    vi.useRealTimers()
  })

  it('Start shows the running time, each second; Stop logs it and offers Start again', async () => {
    const saved: unknown[] = []
    const w = mount(DurationTimer, {
      props: { trackerId: 1, name: 'Reading', tz: 'Europe/Paris', save: async (...a: unknown[]) => void saved.push(a) },
    })
    await w.get('[aria-label="Start timer for Reading"]').trigger('click')
    const timer = w.get('[role="timer"]')
    expect(timer.attributes('aria-label')).toBe('Timer for Reading')
    await vi.advanceTimersByTimeAsync(65_000)
    expect(timer.text()).toBe('1:05')
    await w.get('[aria-label="Stop timer for Reading and log it"]').trigger('click')
    await flushPromises()
    expect(saved).toMatchObject([[65, { logged_at: '2026-12-10T11:01:05+01:00' }]])
    expect(w.find('[aria-label="Start timer for Reading"]').exists()).toBe(true)
  })

  it('a failed log is said in place, and the timer keeps running', async () => {
    const w = mount(DurationTimer, {
      props: {
        trackerId: 2,
        name: 'Reading',
        tz: 'UTC',
        save: async () => {
          throw new Error('The server is busy.')
        },
      },
    })
    await w.get('[aria-label="Start timer for Reading"]').trigger('click')
    await w.get('[aria-label="Stop timer for Reading and log it"]').trigger('click')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('Not logged: The server is busy. The timer keeps running.')
    expect(w.find('[role="timer"]').exists()).toBe(true)
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}2`)).not.toBeNull()
  })

  it('Discard drops the timer, with Undo to bring the same start back', async () => {
    const w = mount(DurationTimer, { props: { trackerId: 3, name: 'Nap', tz: 'UTC', save: async () => undefined } })
    await w.get('[aria-label="Start timer for Nap"]').trigger('click')
    await vi.advanceTimersByTimeAsync(3000)
    await w.get('[aria-label="Discard timer for Nap"]').trigger('click')
    expect(w.find('[role="timer"]').exists()).toBe(false)
    const toast = useToast().toasts.at(-1)!
    expect(toast.message).toBe('Timer for Nap discarded.')
    toast.action!()
    await w.vm.$nextTick()
    expect(w.get('[role="timer"]').text()).toBe('0:03')
  })
})
