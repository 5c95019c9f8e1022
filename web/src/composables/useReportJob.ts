// "Email me a report": asks the server for a report (POST /reports → 202 {job})
// and follows the job until it is done or failed (see useJob).
import { api } from '@/api'
import type { ApiClient } from '@/api/client'
import type { ReportRequest } from '@/api/types'
import { useJob } from './useJob'

export { POLL_INTERVAL_MS, isFinished } from './useJob'

export type JobClient = Pick<ApiClient, 'requestReport' | 'getJob'>

export function useReportJob(options: { client?: JobClient; interval?: number } = {}) {
  const client = options.client ?? api
  return useJob((input: ReportRequest) => client.requestReport(input), { client, interval: options.interval })
}
