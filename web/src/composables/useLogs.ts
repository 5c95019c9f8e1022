// A tracker's logs, newest first, a page at a time, with add / edit / delete.
// Adds, edits and deletes go through the outbox (src/offline): offline they
// wait there, and the list shows them as they will be (pending logs have a
// negative id). The first page is kept as the last known one and shown,
// with `staleSince`, when the network fails.
import { computed, getCurrentScope, onScopeDispose, ref, watch, type Ref } from 'vue'
import { api } from '@/api'
import type { Log, LogInput, LogPage } from '@/api/types'
import { lastKnown, outbox } from '@/offline'
import { isNetworkError } from '@/offline/outbox'
import { useLatest } from './useLatest'
import { createLogUids } from '@/utils/logUid'

export function useLogs(trackerId: Ref<number | null>, pageSize = 20) {
  /** The server's logs loaded so far. */
  const loadedItems = ref<Log[]>([])
  /** When the logs shown were loaded, when they are the last known ones (offline); null when fresh. */
  const staleSince = ref<string | null>(null)
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
    if (next.value === null || loadedItems.value.length === 0) return true
    const oldest = loadedItems.value[loadedItems.value.length - 1]
    return Date.parse(log.logged_at) >= Date.parse(oldest.logged_at)
  }

  /** The list shown: the server's logs with queued edits and deletes applied, and the pending logs among them. */
  const items = computed<Log[]>({
    get() {
      const id = trackerId.value
      const pending = id === null ? [] : outbox.pendingLogs(id).filter(withinLoaded)
      const sent = new Set(loadedItems.value.map((l) => l.uid))
      return sortNewestFirst([...pending.filter((l) => !sent.has(l.uid)), ...outbox.applyQueued(loadedItems.value)])
    },
    set(list) {
      loadedItems.value = list.filter((l) => l.id > 0)
    },
  })

  function cacheName(id: number): string {
    return `logs:${id}`
  }
  function showStale(id: number, savedAt: string | null): void {
    staleSince.value = savedAt
    lastKnown.showing(cacheName(id), savedAt)
  }
  let shownId: number | null = null
  // Sent from the outbox: the server's list now holds them.
  const stopListening = outbox.onSent((sent) => {
    if (sent.some((e) => e.tracker_id === trackerId.value)) void load()
  })
  if (getCurrentScope()) {
    onScopeDispose(() => {
      stopListening()
      if (shownId !== null) lastKnown.showing(cacheName(shownId), null)
    })
  }

  async function load(): Promise<void> {
    const id = trackerId.value
    if (id === null) return
    const mine = latest.begin()
    loading.value = true
    error.value = null
    if (shownId !== null && shownId !== id) lastKnown.showing(cacheName(shownId), null)
    shownId = id
    try {
      const page = await api.listLogs(id, { limit: pageSize })
      if (!mine()) return
      loadedItems.value = page.items
      next.value = page.next
      showStale(id, null)
      void lastKnown.save(cacheName(id), page)
    } catch (e) {
      if (!mine()) return
      const cached = isNetworkError(e) ? await lastKnown.read<LogPage>(cacheName(id)) : null
      if (cached && mine()) {
        loadedItems.value = cached.data.items
        // Further pages need the server.
        next.value = null
        showStale(id, cached.saved_at)
      } else if (mine()) {
        error.value = e
      }
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
      const seen = new Set(loadedItems.value.map((l) => l.id))
      loadedItems.value = [...loadedItems.value, ...page.items.filter((l) => !seen.has(l.id))]
      next.value = page.next
    } finally {
      loadingMore.value = false
    }
  }

  /** Adds a log; sent again after a failure, the same input keeps its uid, so it is added once. */
  async function add(input: LogInput): Promise<Log> {
    const id = trackerId.value!
    const uid = input.uid ?? uids.uidFor(id, input)
    // Offline, a pending log (negative id) that `items` shows from the outbox.
    const log = await outbox.create(id, { ...input, value: input.value!, uid })
    uids.added(uid)
    if (log.id > 0 && withinLoaded(log)) loadedItems.value = sortNewestFirst([log, ...loadedItems.value])
    return log
  }

  async function update(log: Log, input: LogInput): Promise<Log> {
    const updated = await outbox.update(log, input)
    // Queued edits are applied by `items` from the outbox; one the server made replaces the log.
    if (!outbox.entryFor(log)) {
      loadedItems.value = sortNewestFirst(loadedItems.value.map((l) => (l.id === log.id ? updated : l)))
    }
    return updated
  }

  async function remove(log: Log): Promise<void> {
    await outbox.remove(log)
    if (log.id > 0 && !outbox.entryFor(log)) loadedItems.value = loadedItems.value.filter((l) => l.id !== log.id)
  }

  /** Undo of a delete: the log comes back as a new log with the same value, time and note. */
  function restore(log: Log): Promise<Log> {
    return add({ value: log.value, logged_at: log.logged_at, note: log.note })
  }

  watch(trackerId, () => void load(), { immediate: true })

  return { items, next, loading, loadingMore, error, staleSince, load, loadMore, add, update, remove, restore }
}
