import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { effectScope } from 'vue'
import { TIMER_KEY_PREFIX, forgetTimerStates, useDurationTimer, type SaveTimedLog } from './useDurationTimer'

const START = Date.parse('2026-03-29T00:30:00Z') // 01:30 in Paris, the night its clocks jump from 02:00 to 03:00

function timerFor(id: number, tz = 'Europe/Paris') {
  const scope = effectScope()
  const timer = scope.run(() => useDurationTimer(id, tz))!
  return { timer, stop: () => scope.stop() }
}

describe('useDurationTimer', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(START)
    localStorage.clear()
    forgetTimerStates()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('counts the seconds from Start, each second', async () => {
    const { timer, stop } = timerFor(1)
    expect(timer.running.value).toBe(false)
    timer.start()
    expect(timer.running.value).toBe(true)
    expect(timer.elapsed.value).toBe(0)
    await vi.advanceTimersByTimeAsync(3000)
    expect(timer.elapsed.value).toBe(3)
    await vi.advanceTimersByTimeAsync(62_000)
    expect(timer.elapsed.value).toBe(65)
    stop()
  })

  it('keeps the start instant in localStorage, per tracker, so a reload finds it running', async () => {
    const first = timerFor(7)
    first.timer.start()
    first.stop()
    expect(JSON.parse(localStorage.getItem(`${TIMER_KEY_PREFIX}7`)!)).toMatchObject({ started_at: START })
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}8`)).toBeNull()

    forgetTimerStates() // as a new page would
    vi.setSystemTime(START + 20 * 60_000)
    const again = timerFor(7)
    expect(again.timer.running.value).toBe(true)
    expect(again.timer.elapsed.value).toBe(20 * 60)
    expect(timerFor(8).timer.running.value).toBe(false)
    again.stop()
  })

  it('Stop logs the whole seconds elapsed, at the stop instant in the user zone, with the uid made at Start', async () => {
    const saved: Parameters<SaveTimedLog>[] = []
    const { timer, stop } = timerFor(2)
    timer.start()
    const uid = JSON.parse(localStorage.getItem(`${TIMER_KEY_PREFIX}2`)!).uid
    await vi.advanceTimersByTimeAsync(90 * 60_000 + 400) // across the DST change: 90 min of real time
    expect(await timer.stop(async (...args) => void saved.push(args))).toBe(true)
    expect(saved).toEqual([[5400, { logged_at: '2026-03-29T04:00:00+02:00', uid }]])
    expect(timer.running.value).toBe(false)
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}2`)).toBeNull()
    stop()
  })

  it('a failed log keeps the timer, its start and its uid, and says why; the retry logs it', async () => {
    const { timer, stop } = timerFor(3)
    timer.start()
    const stored = localStorage.getItem(`${TIMER_KEY_PREFIX}3`)
    await vi.advanceTimersByTimeAsync(10_000)
    const ok = await timer.stop(async () => {
      throw new Error('The connection failed.')
    })
    expect(ok).toBe(false)
    expect(timer.running.value).toBe(true)
    expect(timer.error.value).toContain('The connection failed.')
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}3`)).toBe(stored)

    await vi.advanceTimersByTimeAsync(5_000)
    const uids: string[] = []
    expect(await timer.stop(async (seconds, extra) => void uids.push(`${seconds} ${extra.uid}`))).toBe(true)
    expect(uids).toEqual([`15 ${JSON.parse(stored!).uid}`])
    expect(timer.error.value).toBe('')
    stop()
  })

  it('refuses to log more than 24 hours, and keeps the timer', async () => {
    const { timer, stop } = timerFor(4)
    timer.start()
    vi.setSystemTime(START + 25 * 3600_000)
    const save = vi.fn(async () => undefined)
    expect(await timer.stop(save)).toBe(false)
    expect(save).not.toHaveBeenCalled()
    expect(timer.error.value).toMatch(/more than 24 hours/)
    expect(timer.running.value).toBe(true)
    stop()
  })

  it('Discard forgets the timer; restore (Undo) puts the same one back', () => {
    const { timer, stop } = timerFor(5)
    timer.start()
    const dropped = timer.discard()
    expect(timer.running.value).toBe(false)
    expect(localStorage.getItem(`${TIMER_KEY_PREFIX}5`)).toBeNull()
    timer.restore(dropped!)
    expect(timer.startedAt.value).toBe(START)
    stop()
  })

  it('every view of one tracker shows the same timer', () => {
    const card = timerFor(6)
    const page = timerFor(6)
    card.timer.start()
    expect(page.timer.running.value).toBe(true)
    page.timer.discard()
    expect(card.timer.running.value).toBe(false)
    card.stop()
    page.stop()
  })

  it('ignores a damaged stored value', () => {
    localStorage.setItem(`${TIMER_KEY_PREFIX}9`, '{"started_at":"soon"}')
    expect(timerFor(9).timer.running.value).toBe(false)
  })
})
