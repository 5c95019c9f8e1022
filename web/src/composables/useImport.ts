// Importing a file, in steps: pick → checking (uploaded to POST
// /imports/preview, nothing changes) → preview → importing (the same file to
// POST /imports) → done. Uploads report their progress; Cancel aborts a
// check on its way, and leaving the page does too.
import { computed, getCurrentScope, onScopeDispose, ref, shallowRef } from 'vue'
import { api } from '@/api'
import { ApiError, isAborted, type ApiClient, type UploadProgress } from '@/api/client'
import type { ImportResult } from '@/api/types'
import { describeFileError } from '@/utils/imports'

export type ImportClient = Pick<ApiClient, 'previewImport' | 'importFile'>
export type ImportStage = 'pick' | 'checking' | 'preview' | 'importing' | 'done'

export function useImport(options: { client?: ImportClient } = {}) {
  const client = options.client ?? api

  const stage = ref<ImportStage>('pick')
  const file = shallowRef<File | null>(null)
  /** Share of the file sent, 0–1; null while unknown (no upload progress, or not uploading). */
  const progress = ref<number | null>(null)
  /** The whole file is out: the server is reading it. */
  const sent = ref(false)
  const preview = shallowRef<ImportResult | null>(null)
  const result = shallowRef<ImportResult | null>(null)
  /** Why the last step failed (an ApiError); the stage goes back to where it was. */
  const error = ref<unknown>(null)
  /** The file itself was refused (422 on `file`, 413): title and detail for the page. */
  const fileError = computed(() => describeFileError(error.value))
  const busy = computed(() => stage.value === 'checking' || stage.value === 'importing')

  let controller: AbortController | null = null

  function onProgress(p: UploadProgress): void {
    progress.value = p.total > 0 ? Math.min(1, p.loaded / p.total) : null
    sent.value = p.total > 0 && p.loaded >= p.total
  }

  function abort(): void {
    controller?.abort()
    controller = null
  }

  async function upload(
    send: ImportClient['previewImport'],
    f: File,
  ): Promise<{ ok: true; value: ImportResult } | { ok: false; error: unknown }> {
    abort()
    const mine = new AbortController()
    controller = mine
    progress.value = 0
    sent.value = false
    try {
      const value = await send(f, { onProgress, signal: mine.signal })
      return { ok: true, value }
    } catch (e) {
      return { ok: false, error: e }
    } finally {
      if (controller === mine) controller = null
      progress.value = null
    }
  }

  /** Checks a file: what importing it would do. Resolves with the preview, or null. */
  async function choose(f: File): Promise<ImportResult | null> {
    file.value = f
    preview.value = null
    result.value = null
    error.value = null
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
    const answer = await upload(client.importFile, f)
    if (file.value !== f) return null
    if (!answer.ok) {
      if (isAborted(answer.error)) return null
      error.value = answer.error
      stage.value = 'preview'
      return null
    }
    result.value = answer.value
    stage.value = 'done'
    return answer.value
  }

  /** Back to picking a file; an upload on its way is cancelled. */
  function reset(): void {
    abort()
    file.value = null
    preview.value = null
    result.value = null
    error.value = null
    progress.value = null
    sent.value = false
    stage.value = 'pick'
  }

  // Leaving the page cancels a check; an import on its way is left to finish
  // (the server may have written it already; cutting the upload would not undo that).
  if (getCurrentScope()) onScopeDispose(() => stage.value === 'checking' && abort())

  return { stage, file, progress, sent, preview, result, error, fileError, busy, choose, confirm, reset }
}
