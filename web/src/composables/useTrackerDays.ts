// A tracker's days, each read from its daily statistics bucket (dayValue.ts):
// for the heat map (the last year of weeks) and the year in pixels (one
// calendar year, picked from those with logs).
import { ref, watch, type Ref } from 'vue'
import { api } from '@/api'
import type { Tracker } from '@/api/types'
import { useLatest } from './useLatest'
import type { DayDatum } from '@/utils/dayGrid'
import { dayDatumOf } from '@/utils/dayValue'
import { addDays, dateKeyOf, startOfDayRfc3339, todayKey, type DateKey } from '@/utils/time'

/** How far back the first log is looked for. */
const EPOCH = '1990-01-01T00:00:00Z'

/** Every day with logs from `from` up to (not including) `toExclusive`, in the zone. */
export async function fetchDays(
  tracker: Tracker,
  from: DateKey,
  toExclusive: DateKey,
  tz: string,
): Promise<Map<DateKey, DayDatum>> {
  const stats = await api.stats(tracker.id, {
    from: startOfDayRfc3339(from, tz),
    to: startOfDayRfc3339(toExclusive, tz),
    bucket: 'day',
  })
  return new Map(stats.series.map((b) => [dateKeyOf(Date.parse(b.start), tz), dayDatumOf(tracker, b)]))
}

/** One year of days, and the years there are to pick from: this one back to the first log's. */
export function useYearDays(tracker: Ref<Tracker | null>, tz: Ref<string>) {
  const thisYear = () => Number(todayKey(tz.value).slice(0, 4))
  const year = ref(thisYear())
  const years = ref<number[]>([year.value])
  const data = ref<Map<DateKey, DayDatum>>(new Map())
  const loaded = ref(false)
  const error = ref<unknown>(null)
  const latest = useLatest()

  async function findYears(t: Tracker): Promise<void> {
    const to = startOfDayRfc3339(addDays(todayKey(tz.value), 1), tz.value)
    const months = await api.stats(t.id, { from: EPOCH, to, bucket: 'month' })
    const first = months.series[0]
    const firstYear = first ? Number(dateKeyOf(Date.parse(first.start), tz.value).slice(0, 4)) : thisYear()
    const out: number[] = []
    for (let y = thisYear(); y >= Math.min(firstYear, year.value); y--) out.push(y)
    years.value = out
  }

  async function load(): Promise<void> {
    const t = tracker.value
    if (!t) return
    const mine = latest.begin()
    error.value = null
    try {
      const [days] = await Promise.all([
        fetchDays(t, `${year.value}-01-01`, `${year.value + 1}-01-01`, tz.value),
        findYears(t),
      ])
      if (!mine()) return
      data.value = days
      loaded.value = true
    } catch (e) {
      if (mine()) error.value = e
    }
  }

  watch([() => tracker.value?.id, () => tracker.value?.type, year], () => void load(), { immediate: true })

  return { year, years, data, loaded, error, load }
}
