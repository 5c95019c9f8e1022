// Where a tracker stands this period, in words, as its dashboard card and row show it.
// Logs still in the outbox count as far as it is simple: the newest is the last
// value; in this period, they make a tracker without a target done, and add to
// a sum or count that must reach at least a target; `pending` says how many wait.
import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import type { Log, Tracker, TrackerSummary } from '@/api/types'
import { outbox } from '@/offline'
import { formatProgress, goalAggregate, goalPeriod, thisPeriod } from '@/utils/format'

/** The period's figures with `pending` logs counted in, where that is simple; else as the server said. */
function withPending(tracker: Tracker, period: TrackerSummary['period'], pending: Log[]): TrackerSummary['period'] {
  const start = Date.parse(period.start)
  const end = Date.parse(period.end)
  const inPeriod = pending.filter((l) => {
    const at = Date.parse(l.logged_at)
    return at >= start && at < end && l.value !== false
  })
  if (!inPeriod.length) return period
  const count = period.count + inPeriod.length
  const t = tracker.target
  if (!t) return { ...period, count, status: 'met', done: true }
  const aggregate = goalAggregate(tracker)
  if (t.op !== 'at_least' || (aggregate !== 'sum' && aggregate !== 'count')) return period
  const added = aggregate === 'count' ? inPeriod.length : inPeriod.reduce((n, l) => n + Number(l.value), 0)
  const value = (period.value ?? 0) + added
  const met = value >= t.value
  return { ...period, count, value, status: met ? 'met' : period.status, done: met || period.done }
}

/** The tracker's summary with its logs waiting in the outbox counted in (see above). */
export function summaryWithPending(tracker: Tracker): TrackerSummary | undefined {
  const s = tracker.summary
  const pending = outbox.pendingLogs(tracker.id)
  const newest = pending[0]
  if (!s || !newest) return s
  const period = withPending(tracker, s.period, pending)
  if (s.last && Date.parse(s.last.logged_at) > Date.parse(newest.logged_at)) return { ...s, period }
  return { ...s, period, last: { id: newest.id, uid: newest.uid, value: newest.value, logged_at: newest.logged_at } }
}

export function useTrackerStatus(tracker: MaybeRefOrGetter<Tracker>) {
  const pendingLogs = computed(() => outbox.pendingLogs(toValue(tracker).id))
  const summary = computed(() => summaryWithPending(toValue(tracker)))
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
