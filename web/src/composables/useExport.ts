// "Export your data": starts an export job (POST /exports → 202 {job}),
// follows it like a report (useJob), then fetches the file with the token and
// saves it. The job's id is kept for this tab (sessionStorage), so coming back
// to Settings, even after a reload, shows the same export instead of a new one.
import { computed, ref } from 'vue'
import { api } from '@/api'
import type { ApiClient } from '@/api/client'
import type { ExportFormat, Job } from '@/api/types'
import { saveBlob } from '@/utils/download'
import { useJob } from './useJob'

export type ExportClient = Pick<ApiClient, 'requestExport' | 'getJob' | 'downloadExport'>

export const EXPORT_FORMATS: { id: ExportFormat; label: string; hint: string }[] = [
  { id: 'json', label: 'JSON', hint: 'Complete: every tracker with its settings and logs. Can be imported again.' },
  { id: 'csv', label: 'CSV', hint: 'One row per log, for spreadsheets.' },
]

const STORAGE_KEY = 'qself.export'

interface Remembered {
  id: number
  format: ExportFormat
  user: number
}

export interface ExportOptions {
  client?: ExportClient
  interval?: number
  /** Saves the downloaded file (default: a download through an object URL). */
  save?: (blob: Blob, filename: string) => void
  /** Where the job's id is kept between visits; null keeps nothing. */
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null
  now?: () => number
}

function sessionStore(): ExportOptions['storage'] {
  try {
    return globalThis.sessionStorage ?? null
  } catch {
    return null
  }
}

export function isExpired(job: Job | null, now = Date.now()): boolean {
  return !!job?.expires_at && Date.parse(job.expires_at) <= now
}

export function useExport(options: ExportOptions = {}) {
  const client = options.client ?? api
  const save = options.save ?? ((blob: Blob, name: string) => saveBlob(blob, name))
  const storage = options.storage === undefined ? sessionStore() : options.storage
  const now = options.now ?? Date.now
  const tracker = useJob((format: ExportFormat) => client.requestExport(format), {
    client,
    interval: options.interval,
  })
  const { job } = tracker

  /** The format of the export shown (the job's own, once the server answered). */
  const format = ref<ExportFormat>('json')
  const downloading = ref(false)
  const downloadError = ref<unknown>(null)
  /** The name of the file saved, once downloaded. */
  const downloaded = ref<string | null>(null)

  const ready = computed(() => job.value?.status === 'done' && !!job.value.download_url && !isExpired(job.value, now()))

  function remember(id: number, user: number | undefined): void {
    if (user === undefined) return
    try {
      storage?.setItem(STORAGE_KEY, JSON.stringify({ id, format: format.value, user } satisfies Remembered))
    } catch {
      // Storage full or disabled: the export is only forgotten sooner.
    }
  }

  function forget(): void {
    try {
      storage?.removeItem(STORAGE_KEY)
    } catch {
      // nothing kept
    }
  }

  /** Starts a new export; `user` (the account's id) lets a later visit find it again. */
  async function start(f: ExportFormat, user?: number): Promise<Job | null> {
    format.value = f
    downloaded.value = null
    downloadError.value = null
    const started = await tracker.start(f)
    // Asked while another export waits, the server answers that one: show its format.
    if (started?.format) format.value = started.format
    if (started) remember(started.id, user)
    return started
  }

  /** Shows the account's last export of this tab again, unless it is gone or expired. */
  async function restore(user: number): Promise<void> {
    if (job.value || tracker.submitting.value) return
    let saved: Remembered | null
    try {
      saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null') as Remembered | null
    } catch {
      saved = null
    }
    if (!saved || saved.user !== user || !Number.isInteger(saved.id)) return
    format.value = saved.format === 'csv' ? 'csv' : 'json'
    const found = await tracker.resume(saved.id)
    if (found?.format) format.value = found.format
    if (!found || found.kind !== 'export' || isExpired(found, now()) || found.status === 'failed') {
      tracker.reset()
      forget()
    }
  }

  async function download(): Promise<void> {
    const link = job.value?.download_url
    if (!link || downloading.value) return
    downloading.value = true
    downloadError.value = null
    try {
      const file = await client.downloadExport(link)
      save(file.blob, file.filename)
      downloaded.value = file.filename
    } catch (e) {
      downloadError.value = e
    } finally {
      downloading.value = false
    }
  }

  function reset(): void {
    tracker.reset()
    downloaded.value = null
    downloadError.value = null
    forget()
  }

  return {
    ...tracker,
    format,
    ready,
    downloading,
    downloadError,
    downloaded,
    start,
    restore,
    download,
    reset,
    forget,
  }
}

export type Exporter = ReturnType<typeof useExport>
