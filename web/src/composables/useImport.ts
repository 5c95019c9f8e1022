// Importing a file, in steps: pick → checking (uploaded to POST
// /imports/preview; a job on the server reads it, nothing changes) → preview →
// importing (POST /imports/{id}/commit: the server imports the file it kept,
// nothing is sent again) → done. Both jobs are followed with GET /jobs/{id}.
// Uploads report their progress, and jobs theirs; Cancel aborts a check on
// its way, and leaving the page stops following it. An import, once asked for,
// goes on on the server whatever the page does.
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'
import { api, isApiError } from '@/api'
import { ApiError, isAborted, type ApiClient, type UploadProgress } from '@/api/client'
import type { ImportResult, Job } from '@/api/types'
import { describeFileError } from '@/utils/imports'
import { POLL_INTERVAL_MS, isFinished } from './useJob'

export type ImportClient = Pick<ApiClient, 'previewImport' | 'importFile' | 'commitImport' | 'getJob'>
export type ImportStage = 'pick' | 'checking' | 'preview' | 'importing' | 'done'

type Outcome = { ok: true; value: ImportResult } | { ok: false; error: unknown }

/**
 * A job that ended `failed`: a file the server could not read is said as it
 * says a file it refuses (422 on `file`); anything else as what it is.
 */
function failure(job: Job): ApiError {
  const reason = job.error ?? 'The import failed.'
  if (job.mode === 'preview' || reason.startsWith('The file ')) {
    return new ApiError(422, 'validation_failed', reason, { file: reason })
  }
  return new ApiError(500, 'import_failed', reason)
}

export function useImport(options: { client?: ImportClient; interval?: number } = {}) {
  const client = options.client ?? api
  const interval = options.interval ?? POLL_INTERVAL_MS

  const stage = ref<ImportStage>('pick')
  const file = shallowRef<File | null>(null)
  /** Share of the file sent, 0–1; null while unknown (no upload progress, or not uploading). */
  const progress = ref<number | null>(null)
  /** The whole file is out: the server is reading it. */
  const sent = ref(false)
  /** Share of the server's work done, 0–1, once its job has started; null before. */
  const working = ref<number | null>(null)
  const preview = shallowRef<ImportResult | null>(null)
  const result = shallowRef<ImportResult | null>(null)
  /** Why the last step failed (an ApiError); the stage goes back to where it was. */
  const error = ref<unknown>(null)
  /** The file itself was refused (422 on `file`, 413): title and detail for the page. */
  const fileError = computed(() => describeFileError(error.value))
  const busy = computed(() => stage.value === 'checking' || stage.value === 'importing')

  let controller: AbortController | null = null
  /** The finished preview job: its upload is what "Import" commits. */
  let previewJob: number | null = null

  function onProgress(p: UploadProgress): void {
    progress.value = p.total > 0 ? Math.min(1, p.loaded / p.total) : null
    sent.value = p.total > 0 && p.loaded >= p.total
  }

  function abort(): void {
    controller?.abort()
    controller = null
  }

  function wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true })
    })
  }

  /** Follows `job` until it ends; a check that fails for a moment (no network, 5xx) is tried again. */
  async function follow(job: Job, signal: AbortSignal): Promise<Job | null> {
    let failures = 0
    while (!isFinished(job)) {
      if (job.status === 'running') working.value = job.progress / 100
      await wait(interval * Math.min(2 ** failures, 8), signal)
      if (signal.aborted) return null
      try {
        job = (await client.getJob(job.id)).job
        failures = 0
      } catch (e) {
        if (!(isApiError(e) && (e.status === 0 || e.status >= 500))) throw e
        failures++
      }
    }
    working.value = 1
    return job
  }

  /** Starts a job with `begin` and follows it to its result. */
  async function run(begin: (signal: AbortSignal) => Promise<{ job: Job }>): Promise<Outcome & { job?: Job }> {
    abort()
    const mine = new AbortController()
    controller = mine
    working.value = null
    try {
      const started = (await begin(mine.signal)).job
      progress.value = null
      sent.value = true
      const job = await follow(started, mine.signal)
      if (!job) return { ok: false, error: new DOMException('Stopped', 'AbortError') }
      if (job.status === 'failed' || !job.result) return { ok: false, error: failure(job) }
      return { ok: true, value: job.result, job }
    } catch (e) {
      return { ok: false, error: e }
    } finally {
      if (controller === mine) controller = null
      progress.value = null
    }
  }

  function upload(send: ImportClient['previewImport'], f: File): Promise<Outcome & { job?: Job }> {
    progress.value = 0
    sent.value = false
    return run((signal) => send(f, { onProgress, signal }))
  }

  /** Checks a file: what importing it would do. Resolves with the preview, or null. */
  async function choose(f: File): Promise<ImportResult | null> {
    file.value = f
    preview.value = null
    result.value = null
    error.value = null
    previewJob = null
    if (f.size === 0) {
      // Said here, in the words of a refused file, rather than sending nothing.
      error.value = new ApiError(422, 'validation_failed', 'The file is empty.', { file: 'is empty' })
      stage.value = 'pick'
      return null
    }
    stage.value = 'checking'
    const answer = await upload(client.previewImport, f)
    if (file.value !== f) return null // another file was chosen meanwhile
    if (!answer.ok) {
      if (isAborted(answer.error)) return null
      error.value = answer.error
      stage.value = 'pick'
      return null
    }
    previewJob = answer.job?.id ?? null
    preview.value = answer.value
    stage.value = 'preview'
    return answer.value
  }

  /** Imports the file checked. Resolves with what was imported, or null. */
  async function confirm(): Promise<ImportResult | null> {
    const f = file.value
    if (!f || stage.value !== 'preview') return null
    error.value = null
    stage.value = 'importing'
    const kept = previewJob
    let answer = kept === null ? await upload(client.importFile, f) : await run(() => client.commitImport(kept))
    if (!answer.ok && isApiError(answer.error) && answer.error.status === 404 && file.value === f) {
      // The server no longer keeps the file (a day went by, or another was sent): send it again.
      answer = await upload(client.importFile, f)
    }
    if (file.value !== f) return null
    if (!answer.ok) {
      if (isAborted(answer.error)) return null
      error.value = answer.error
      stage.value = 'preview'
      return null
    }
    previewJob = null
    result.value = answer.value
    stage.value = 'done'
    return answer.value
  }

  /** Back to picking a file; an upload or a check on its way is no longer followed. */
  function reset(): void {
    abort()
    file.value = null
    preview.value = null
    result.value = null
    error.value = null
    progress.value = null
    sent.value = false
    working.value = null
    previewJob = null
    stage.value = 'pick'
  }

  // Leaving the page stops following a check; an import goes on on the server.
  if (getCurrentScope()) onScopeDispose(abort)

  return { stage, file, progress, sent, working, preview, result, error, fileError, busy, choose, confirm, reset }
}
