// A tracker's logs, newest first, a page at a time, with add / edit / delete.
import { ref, watch, type Ref } from 'vue'
import { api } from '@/api'
import type { Log, LogInput } from '@/api/types'
import { useLatest } from './useLatest'
import { createLogUids } from '@/utils/logUid'

export function useLogs(trackerId: Ref<number | null>, pageSize = 20) {
  const items = ref<Log[]>([])
  const next = ref<string | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref<unknown>(null)
  const latest = useLatest()
  const uids = createLogUids()

  function sortNewestFirst(list: Log[]): Log[] {
    return list.sort((a, b) => Date.parse(b.logged_at) - Date.parse(a.logged_at) || b.id - a.id)
  }

  /** Whether a log belongs in the pages loaded so far (else it shows up on "Load more"). */
  function withinLoaded(log: Log): boolean {
    if (next.value === null || items.value.length === 0) return true
    const oldest = items.value[items.value.length - 1]
    return Date.parse(log.logged_at) >= Date.parse(oldest.logged_at)
  }

  async function load(): Promise<void> {
    const id = trackerId.value
    if (id === null) return
    const mine = latest.begin()
    loading.value = true
    error.value = null
    try {
      const page = await api.listLogs(id, { limit: pageSize })
      if (!mine()) return
      items.value = page.items
      next.value = page.next
    } catch (e) {
      if (mine()) error.value = e
    } finally {
      if (mine()) loading.value = false
    }
  }

  async function loadMore(): Promise<void> {
    const id = trackerId.value
    if (id === null || next.value === null || loadingMore.value) return
    const mine = latest.join()
    loadingMore.value = true
    try {
      const page = await api.listLogs(id, { limit: pageSize, before: next.value })
      if (!mine()) return
      const seen = new Set(items.value.map((l) => l.id))
      items.value = [...items.value, ...page.items.filter((l) => !seen.has(l.id))]
      next.value = page.next
    } finally {
      loadingMore.value = false
    }
  }

  /** Adds a log; sent again after a failure, the same input keeps its uid, so it is added once. */
  async function add(input: LogInput): Promise<Log> {
    const id = trackerId.value!
    const uid = input.uid ?? uids.uidFor(id, input)
    const log = await api.createLog(id, { ...input, uid })
    uids.added(uid)
    if (withinLoaded(log)) items.value = sortNewestFirst([log, ...items.value])
    return log
  }

  async function update(log: Log, input: LogInput): Promise<Log> {
    const updated = await api.updateLog(log.tracker_id, log.id, input)
    items.value = sortNewestFirst(items.value.map((l) => (l.id === log.id ? updated : l)))
    return updated
  }

  async function remove(log: Log): Promise<void> {
    await api.deleteLog(log.tracker_id, log.id)
    items.value = items.value.filter((l) => l.id !== log.id)
  }

  /** Undo of a delete: the log comes back as a new log with the same value, time and note. */
  function restore(log: Log): Promise<Log> {
    return add({ value: log.value, logged_at: log.logged_at, note: log.note })
  }

  watch(trackerId, () => void load(), { immediate: true })

  return { items, next, loading, loadingMore, error, load, loadMore, add, update, remove, restore }
}
