// Where a tracker stands this period, in words, as its dashboard card and row show it.
// Logs still in the outbox count as far as it is simple: the newest is the last
// value, and `pending` says how many wait (the period's figures are the server's).
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import type { Tracker } from '@/api/types'
import { outbox } from '@/offline'
import { formatProgress, goalPeriod, thisPeriod } from '@/utils/format'

export function useTrackerStatus(tracker: MaybeRefOrGetter<Tracker>) {
  const pendingLogs = computed(() => outbox.pendingLogs(toValue(tracker).id))
  const summary = computed(() => {
    const s = toValue(tracker).summary
    const newest = pendingLogs.value[0]
    if (!s || !newest || (s.last && Date.parse(s.last.logged_at) > Date.parse(newest.logged_at))) return s
    return { ...s, last: { ...s.last, value: newest.value, logged_at: newest.logged_at } }
  })
  const period = computed(() => summary.value?.period)
  const target = computed(() => toValue(tracker).target)
  /** The goal's period: the target's own ("3 times a week" on a daily habit) or the frequency. */
  const goalUnit = computed(() => goalPeriod(toValue(tracker)))
  const when = computed(() => thisPeriod(goalUnit.value))

  const status = computed(() => {
    const p = period.value
    if (!p) return ''
    const t = target.value
    // An average, latest, lowest or highest of nothing is no data, not 0.
    if (t && p.value === null) return `Nothing logged ${when.value}`
    if (t) return `${formatProgress(toValue(tracker), p.value ?? 0, t.value)} ${when.value}`
    return p.done ? `Done ${when.value}` : `Not logged ${when.value}`
  })

  /** Share of an "at least" goal reached so far, 0..1; null without such a goal. */
  const progress = computed(() => {
    const p = period.value
    const t = target.value
    if (!p || !t || t.op !== 'at_least' || !(t.value > 0)) return null
    return Math.max(0, Math.min(1, (p.value ?? 0) / t.value))
  })

  // Missed already, or (an average or latest can still come back) over its limit for now.
  const over = computed(() => {
    const p = period.value
    const t = target.value
    if (!p || !t) return false
    return p.status === 'missed' || (t.op === 'at_most' && p.value !== null && p.value > t.value)
  })

  const done = computed(() => period.value?.done ?? false)

  /** How many of its logs wait in the outbox (refused ones included). */
  const pending = computed(() => pendingLogs.value.length)

  return { summary, period, target, goalUnit, when, status, progress, over, done, pending }
}
