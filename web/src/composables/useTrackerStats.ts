// A tracker's statistics over the range the person picked (GET /trackers/{id}/stats).
import { computed, ref, watch, type Ref } from 'vue'
import { api } from '@/api'
import type { Bucket, Stats, Tracker } from '@/api/types'
import { useLatest } from './useLatest'
import { autoBucket, hourBucketFits } from '@/utils/buckets'
import { computeRange, type DateRange, type RangePreset } from '@/utils/range'
import { addDays, addMonths, dateKeyOf, startOfDayRfc3339, todayKey, type DateKey } from '@/utils/time'

/** How far back "All" looks for the first log. */
const EPOCH = '1990-01-01T00:00:00Z'

/** A tracker's statistics over the local days of `range`, in `bucket`s. */
export function statsOver(id: number, range: DateRange, bucket: Bucket, tz: string): Promise<Stats> {
  return api.stats(id, {
    from: startOfDayRfc3339(range.from, tz),
    to: startOfDayRfc3339(range.toExclusive, tz),
    bucket,
  })
}

export function useTrackerStats(tracker: Ref<Tracker | null>, tz: Ref<string>) {
  const preset = ref<RangePreset>('30d')
  const customFrom = ref(addDays(todayKey(tz.value), -13))
  const customTo = ref(todayKey(tz.value))
  const bucketChoice = ref<'auto' | Bucket>('auto')
  const earliest = ref<DateKey | null>(null)
  const stats = ref<Stats | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const latest = useLatest()

  const range = computed(() =>
    computeRange(preset.value, tz.value, {
      earliest: earliest.value,
      customFrom: customFrom.value,
      customTo: customTo.value,
    }),
  )

  /** Whether the range may be grouped by hour (at most 31 days; the server refuses more). */
  const hourAllowed = computed(() => {
    const r = range.value
    return r === null || hourBucketFits(r.from, r.toExclusive)
  })

  const bucket = computed<Bucket>(() => {
    if (bucketChoice.value === 'hour' && !hourAllowed.value) return 'day'
    if (bucketChoice.value !== 'auto') return bucketChoice.value
    const r = range.value
    return tracker.value && r ? autoBucket(tracker.value.frequency, r.from, r.toExclusive) : 'day'
  })

  // Hour picked, then a longer range: the choice becomes day, as the chart is.
  watch(hourAllowed, (allowed) => {
    if (!allowed && bucketChoice.value === 'hour') bucketChoice.value = 'day'
  })

  /** The first day with a log: its month from all time by month, then the day within that month. */
  async function findEarliest(id: number): Promise<void> {
    const to = startOfDayRfc3339(addDays(todayKey(tz.value), 1), tz.value)
    const months = await api.stats(id, { from: EPOCH, to, bucket: 'month' })
    const firstMonth = months.series[0]
    if (!firstMonth) {
      earliest.value = null
      return
    }
    const monthStart = `${dateKeyOf(Date.parse(firstMonth.start), tz.value).slice(0, 7)}-01`
    const days = await api.stats(id, {
      from: startOfDayRfc3339(monthStart, tz.value),
      to: startOfDayRfc3339(addMonths(monthStart, 1), tz.value),
      bucket: 'day',
    })
    const firstDay = days.series[0]
    earliest.value = dateKeyOf(Date.parse((firstDay ?? firstMonth).start), tz.value)
  }

  async function load(): Promise<void> {
    const t = tracker.value
    if (!t) return
    const mine = latest.begin()
    loading.value = true
    error.value = null
    try {
      if (preset.value === 'all' && earliest.value === null) await findEarliest(t.id)
      const r = range.value
      if (!r) {
        stats.value = null
        return
      }
      const result = await statsOver(t.id, r, bucket.value, tz.value)
      if (mine()) stats.value = result
    } catch (e) {
      if (mine()) error.value = e
    } finally {
      if (mine()) loading.value = false
    }
  }

  /** After logs change: the first log may have moved, and every number with it. */
  function invalidate(): Promise<void> {
    earliest.value = null
    return load()
  }

  watch(
    [() => tracker.value?.id, () => tracker.value?.type, range, bucket],
    (now, before) => {
      if (now[0] !== before?.[0]) earliest.value = null
      void load()
    },
    { immediate: true },
  )

  return {
    preset,
    customFrom,
    customTo,
    bucketChoice,
    bucket,
    hourAllowed,
    range,
    stats,
    loading,
    error,
    load,
    invalidate,
  }
}
