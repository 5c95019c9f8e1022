// The statistics of a second tracker over the chart's range and bucket, for
// drawing it beside the first (the tracker page's "Compare with…").
import { ref, watch, type Ref } from 'vue'
import type { Bucket, Stats } from '@/api/types'
import { useLatest } from './useLatest'
import { statsOver } from './useTrackerStats'
import type { DateRange } from '@/utils/range'

export function useCompareStats(
  otherId: Ref<number | null>,
  range: Ref<DateRange | null>,
  bucket: Ref<Bucket>,
  tz: Ref<string>,
) {
  const stats = ref<Stats | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const latest = useLatest()

  async function load(): Promise<void> {
    const id = otherId.value
    const r = range.value
    if (id === null || !r) {
      latest.drop()
      stats.value = null
      error.value = null
      loading.value = false
      return
    }
    const mine = latest.begin()
    loading.value = true
    error.value = null
    try {
      const result = await statsOver(id, r, bucket.value, tz.value)
      if (mine()) stats.value = result
    } catch (e) {
      if (mine()) error.value = e
    } finally {
      if (mine()) loading.value = false
    }
  }

  watch(
    [otherId, range, bucket],
    (now, before) => {
      if (now[0] !== before?.[0]) stats.value = null
      void load()
    },
    { immediate: true },
  )

  return { stats, loading, error, load }
}
