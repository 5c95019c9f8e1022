// The tracker list with dashboard summaries: shared by the dashboard, the
// header and the tracker pages. One GET /trackers fills everything. The list
// of active trackers is kept as the last known one (src/offline): when the
// network fails, that list is shown, and `staleSince` says from when.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api } from '@/api'
import { useLatest } from '@/composables/useLatest'
import { isNetworkError } from '@/offline/outbox'
import { lastKnown, outbox } from '@/offline'
import { createLogUids } from '@/utils/logUid'
import type { ValueMapping, Log, LogValue, Tracker, TrackerInput } from '@/api/types'

export const useTrackersStore = defineStore('trackers', () => {
  const items = ref<Tracker[]>([])
  const showArchived = ref(false)
  const loaded = ref(false)
  const loading = ref(false)
  const error = ref<unknown>(null)
  /** When the list shown was loaded, when it is the last known one (offline); null when fresh. */
  const staleSince = ref<string | null>(null)
  const latest = useLatest()
  const CACHE_NAME = 'trackers'

  function showStale(savedAt: string | null): void {
    staleSince.value = savedAt
    lastKnown.showing(CACHE_NAME, savedAt)
  }

  outbox.describeTrackersWith(byId)
  // Logs sent from the outbox change the summaries.
  outbox.onSent(() => {
    if (loaded.value) load().catch(() => undefined)
  })
  // A quick log sent again after a failure keeps its uid, so it is added once.
  const uids = createLogUids()

  const archivedCount = computed(() => items.value.filter((t) => t.archived).length)

  function byId(id: number): Tracker | undefined {
    return items.value.find((t) => t.id === id)
  }

  /** Loads (or reloads) the list; concurrent reloads keep only the newest answer. */
  async function load(): Promise<void> {
    const mine = latest.begin()
    loading.value = true
    const archived = showArchived.value
    try {
      const result = await api.listTrackers(archived ? 'all' : 'false')
      if (!mine()) return
      items.value = result.items
      loaded.value = true
      error.value = null
      showStale(null)
      if (!archived) void lastKnown.save(CACHE_NAME, result.items)
    } catch (e) {
      if (!mine()) throw e
      error.value = e
      // No network: the last known list, if any, unless a fresher one is on screen already.
      if (isNetworkError(e) && (!loaded.value || staleSince.value !== null) && !archived) {
        const cached = await lastKnown.read<Tracker[]>(CACHE_NAME)
        if (cached && mine()) {
          items.value = cached.data
          loaded.value = true
          showStale(cached.saved_at)
          return
        }
      }
      throw e
    } finally {
      if (mine()) loading.value = false
    }
  }

  async function setShowArchived(value: boolean): Promise<void> {
    showArchived.value = value
    await load()
  }

  /** Adds a log; `extra.uid` is the caller's own (a timer's), else one kept across retries of the same input. */
  async function logValue(
    tracker: Tracker,
    value: LogValue,
    extra: { note?: string; logged_at?: string; uid?: string } = {},
  ) {
    const { uid: given, ...rest } = extra
    const input = { value, ...rest }
    const uid = given ?? uids.uidFor(tracker.id, input)
    // Offline, it waits in the outbox (a pending log, negative id) and is sent later.
    const log = await outbox.create(tracker.id, { ...input, uid })
    uids.added(uid)
    if (log.id > 0) await load().catch(() => undefined)
    return log
  }

  async function undoLog(log: Log): Promise<void> {
    await outbox.remove(log)
    if (log.id > 0) await load().catch(() => undefined)
  }

  async function create(input: TrackerInput): Promise<Tracker> {
    const tracker = await api.createTracker(input)
    // Shown at once; the next load brings its summary and the server's order.
    if (!tracker.archived || showArchived.value) items.value = [...items.value, tracker]
    return tracker
  }

  async function update(id: number, input: TrackerInput, force = false, mapping?: ValueMapping[]): Promise<Tracker> {
    const tracker = await api.updateTracker(id, input, force, mapping)
    const i = items.value.findIndex((t) => t.id === id)
    if (i >= 0) items.value[i] = { ...tracker, summary: tracker.summary ?? items.value[i].summary }
    return tracker
  }

  async function remove(id: number): Promise<void> {
    await api.deleteTracker(id)
    items.value = items.value.filter((t) => t.id !== id)
  }

  /** Moves a tracker up (-1) or down (+1) in the list the user sees, and saves the order. */
  async function move(id: number, delta: number): Promise<void> {
    const from = items.value.findIndex((t) => t.id === id)
    const to = from + delta
    if (from < 0 || to < 0 || to >= items.value.length) return
    await reorderTo(from, to)
  }

  async function reorderTo(from: number, to: number): Promise<void> {
    const before = items.value.slice()
    const next = items.value.slice()
    const [moved] = next.splice(from, 1)
    next.splice(to, 0, moved)
    items.value = next
    try {
      const result = await api.reorderTrackers(next.map((t) => t.id))
      const positions = new Map(result.items.map((t) => [t.id, t.position]))
      items.value = next.map((t) => ({ ...t, position: positions.get(t.id) ?? t.position }))
    } catch (e) {
      items.value = before
      throw e
    }
  }

  function reset(): void {
    latest.drop()
    items.value = []
    loaded.value = false
    loading.value = false
    error.value = null
    showArchived.value = false
    showStale(null)
  }

  return {
    items,
    archivedCount,
    showArchived,
    loaded,
    loading,
    error,
    staleSince,
    byId,
    load,
    setShowArchived,
    logValue,
    undoLog,
    create,
    update,
    remove,
    move,
    reorderTo,
    reset,
  }
})
