// What the data says (GET /insights), or one tracker's share of it
// (GET /trackers/{id}/insights) when a tracker id is given.
import { ref, watch, type Ref } from 'vue'
import { api } from '@/api'
import type { Insights } from '@/api/types'
import { useLatest } from './useLatest'

export function useInsights(trackerId?: Ref<number | null | undefined>) {
  const insights = ref<Insights | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  const latest = useLatest()

  async function load(): Promise<void> {
    const id = trackerId?.value
    if (trackerId && id == null) return
    const mine = latest.begin()
    loading.value = true
    error.value = null
    try {
      const result = id == null ? await api.insights() : await api.trackerInsights(id)
      if (mine()) insights.value = result
    } catch (e) {
      if (mine()) error.value = e
    } finally {
      if (mine()) loading.value = false
    }
  }

  watch(
    () => trackerId?.value,
    (now, before) => {
      // Another tracker's insights are not this one's, even for a moment.
      if (before !== undefined && now !== before) insights.value = null
      void load()
    },
    { immediate: true },
  )

  return { insights, loading, error, load }
}
