// A background job of the server, from the request that starts it (a POST
// answering 202 {job}: a report, an export) to its end: follows it with
// GET /jobs/{id}, one request at a time, every ~700 ms, until it is done or
// failed, or until the caller stops: a dialog closing, or the component's
// scope going away.
import { computed, getCurrentScope, onScopeDispose, ref } from 'vue'
import { api, isApiError } from '@/api'
import type { ApiClient } from '@/api/client'
import type { Job } from '@/api/types'
import { useLatest, type Ticket } from './useLatest'

export const POLL_INTERVAL_MS = 700
/** After failed checks the wait doubles, up to this many intervals. */
const MAX_BACKOFF = 8

export type JobPoller = Pick<ApiClient, 'getJob'>

export function isFinished(job: Job | null): boolean {
  return job?.status === 'done' || job?.status === 'failed'
}

/** Worth asking again: no answer, overloaded, or a server error. A 404 or 401 is not. */
function isTransient(e: unknown): boolean {
  return isApiError(e) && (e.status === 0 || e.status === 429 || e.status >= 500)
}

/** `begin` starts the job (the POST); its answer's job is then followed with `client.getJob`. */
export function useJob<I>(
  begin: (input: I) => Promise<{ job: Job }>,
  options: { client?: JobPoller; interval?: number } = {},
) {
  const client = options.client ?? api
  const interval = options.interval ?? POLL_INTERVAL_MS

  const job = ref<Job | null>(null)
  /** The POST is on its way. */
  const submitting = ref(false)
  /** The job was refused (an ApiError with `fields`) or could not be requested. */
  const error = ref<unknown>(null)
  /** The latest status check failed; while `polling` stays true it is being tried again. */
  const pollError = ref<unknown>(null)
  const polling = ref(false)
  const finished = computed(() => isFinished(job.value))

  let timer: ReturnType<typeof setTimeout> | null = null
  let failures = 0
  // Every start or stop drops the answers still on their way.
  const latest = useLatest()

  function schedule(mine: Ticket): void {
    const delay = interval * Math.min(2 ** failures, MAX_BACKOFF)
    timer = setTimeout(() => {
      timer = null
      void check(mine)
    }, delay)
  }

  async function check(mine: Ticket): Promise<void> {
    const id = job.value?.id
    if (id === undefined) return
    try {
      const result = await client.getJob(id)
      if (!mine()) return
      job.value = result.job
      pollError.value = null
      failures = 0
    } catch (e) {
      if (!mine()) return
      pollError.value = e
      failures++
      if (!isTransient(e)) {
        polling.value = false
        return
      }
    }
    if (isFinished(job.value)) polling.value = false
    else schedule(mine)
  }

  /** Stops following the job (the job itself goes on on the server). */
  function stop(): void {
    latest.drop()
    if (timer !== null) clearTimeout(timer)
    timer = null
    polling.value = false
    submitting.value = false
  }

  /** Fetches a job with `load` and follows it until it ends; null when refused or superseded. */
  async function follow(load: () => Promise<{ job: Job }>): Promise<Job | null> {
    stop()
    const mine = latest.join()
    job.value = null
    error.value = null
    pollError.value = null
    failures = 0
    submitting.value = true
    try {
      const result = await load()
      if (!mine()) return null
      job.value = result.job
    } catch (e) {
      if (mine()) error.value = e
      return null
    } finally {
      if (mine()) submitting.value = false
    }
    if (!isFinished(job.value)) {
      polling.value = true
      schedule(mine)
    }
    return job.value
  }

  /** Starts the job and follows it; resolves with the job, or null when refused. */
  function start(input: I): Promise<Job | null> {
    return follow(() => begin(input))
  }

  /** Follows a job started earlier (e.g. before a reload), by its id. */
  function resume(id: number): Promise<Job | null> {
    return follow(() => client.getJob(id))
  }

  /** Back to nothing requested, e.g. for "Try again". */
  function reset(): void {
    stop()
    job.value = null
    error.value = null
    pollError.value = null
  }

  if (getCurrentScope()) onScopeDispose(stop)

  return { job, submitting, error, pollError, polling, finished, start, resume, stop, reset }
}
