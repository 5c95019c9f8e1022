// A start/stop timer for a duration tracker. The instant it started is kept in
// localStorage, one key per tracker, so a running timer survives a reload, a
// closed tab and a phone that dropped the page; every view of the tracker (its
// card, its row, its page, another tab) shows the same timer. Stop logs the
// time elapsed, at the stop instant; the timer is forgotten only once the
// server has the log, so a failed attempt loses nothing and is simply tried again.
import { computed, onScopeDispose, reactive, ref, toValue, watch, type MaybeRefOrGetter } from 'vue'
import { errorMessage } from '@/api'
import { MAX_DURATION_SECONDS } from '@/utils/format'
import { newLogUid } from '@/utils/logUid'
import { toRfc3339 } from '@/utils/time'

/** A running timer: when it started (ms since the epoch) and the uid its log will have. */
export interface RunningTimer {
  started_at: number
  uid: string
}

/** Saves the timer's log: `seconds` of duration, logged at `logged_at`, with the timer's `uid` (and a note). */
export type SaveTimedLog = (
  seconds: number,
  extra: { logged_at: string; uid: string; note?: string },
) => Promise<unknown>

export const TIMER_KEY_PREFIX = 'qself.timer.'

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null // storage blocked (privacy settings): the timer lives as long as the page
  }
}

function parse(text: string | null): RunningTimer | null {
  if (!text) return null
  try {
    const t = JSON.parse(text) as Partial<RunningTimer>
    if (typeof t.started_at === 'number' && Number.isFinite(t.started_at) && typeof t.uid === 'string' && t.uid) {
      return { started_at: t.started_at, uid: t.uid }
    }
  } catch {
    // not ours, or damaged: no timer
  }
  return null
}

interface TimerState {
  timer: RunningTimer | null
  /** What went wrong with the last stop, shown wherever the timer is. */
  error: string
  busy: boolean
}

// One state per tracker, shared by every component showing it.
const states = reactive(new Map<number, TimerState>())
let listening = false

function stateOf(trackerId: number): TimerState {
  let s = states.get(trackerId)
  if (!s) {
    states.set(trackerId, {
      timer: parse(storage()?.getItem(TIMER_KEY_PREFIX + trackerId) ?? null),
      error: '',
      busy: false,
    })
    s = states.get(trackerId)!
  }
  if (!listening && typeof window !== 'undefined') {
    listening = true
    // Another tab started or stopped a timer.
    window.addEventListener('storage', (e) => {
      if (!e.key?.startsWith(TIMER_KEY_PREFIX)) return
      const id = Number(e.key.slice(TIMER_KEY_PREFIX.length))
      const other = states.get(id)
      if (other) other.timer = parse(e.newValue)
    })
  }
  return s
}

function save(trackerId: number, timer: RunningTimer | null): void {
  const key = TIMER_KEY_PREFIX + trackerId
  try {
    if (timer) storage()?.setItem(key, JSON.stringify(timer))
    else storage()?.removeItem(key)
  } catch {
    // full or blocked: the timer still runs in this page
  }
  stateOf(trackerId).timer = timer
}

/** Forgets every timer held in memory (the next use reads localStorage again); for tests. */
export function forgetTimerStates(): void {
  states.clear()
}

export function useDurationTimer(trackerId: MaybeRefOrGetter<number>, tz: MaybeRefOrGetter<string>) {
  const state = computed(() => stateOf(toValue(trackerId)))
  const running = computed(() => state.value.timer !== null)
  const startedAt = computed(() => state.value.timer?.started_at ?? null)

  // The display's clock: ticks each second while the timer runs.
  const now = ref(Date.now())
  let ticker: ReturnType<typeof setInterval> | null = null
  function stopTicking(): void {
    if (ticker !== null) clearInterval(ticker)
    ticker = null
  }
  watch(
    running,
    (on) => {
      stopTicking()
      now.value = Date.now()
      if (on) ticker = setInterval(() => (now.value = Date.now()), 1000)
    },
    { immediate: true },
  )
  onScopeDispose(stopTicking)

  /** Whole seconds since the start, as the display shows them. */
  const elapsed = computed(() =>
    startedAt.value === null ? 0 : Math.max(0, Math.floor((now.value - startedAt.value) / 1000)),
  )

  function start(): void {
    if (running.value) return
    state.value.error = ''
    const at = Date.now()
    save(toValue(trackerId), { started_at: at, uid: newLogUid(globalThis.crypto, at) })
  }

  /** Drops the running timer and returns it, so that it can be put back (Undo). */
  function discard(): RunningTimer | null {
    const timer = state.value.timer
    state.value.error = ''
    save(toValue(trackerId), null)
    return timer
  }

  function restore(timer: RunningTimer): void {
    save(toValue(trackerId), timer)
  }

  /**
   * Logs the time since the start, at now, through `saveLog`. True once the
   * server has it (the timer is then gone); false, with `error` set and the
   * timer still running, when it could not be logged.
   */
  async function stop(saveLog: SaveTimedLog): Promise<boolean> {
    const s = state.value
    const timer = s.timer
    if (!timer || s.busy) return false
    const id = toValue(trackerId)
    const at = Date.now()
    const seconds = Math.max(0, Math.round((at - timer.started_at) / 1000))
    if (seconds > MAX_DURATION_SECONDS) {
      s.error = 'The timer ran for more than 24 hours, more than one log holds. Discard it and add the log by hand.'
      return false
    }
    s.busy = true
    s.error = ''
    try {
      // The uid made at Start: a retry after an answer lost on the way adds the log once.
      await saveLog(seconds, { logged_at: toRfc3339(at, toValue(tz)), uid: timer.uid })
      // Only this timer: one started again meanwhile (another tab) stays.
      if (stateOf(id).timer?.uid === timer.uid) save(id, null)
      return true
    } catch (e) {
      s.error = `Not logged: ${errorMessage(e)} The timer keeps running.`
      return false
    } finally {
      s.busy = false
    }
  }

  return {
    running,
    startedAt,
    elapsed,
    busy: computed(() => state.value.busy),
    error: computed(() => state.value.error),
    start,
    stop,
    discard,
    restore,
  }
}
