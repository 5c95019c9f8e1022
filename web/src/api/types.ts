// Shapes of the qself JSON API, as described in docs/api.md.

export type TrackerType = 'numeric' | 'boolean' | 'choice' | 'rating' | 'duration' | 'text'
export type Frequency = 'hourly' | 'daily' | 'weekly' | 'monthly'
export type Bucket = 'hour' | 'day' | 'week' | 'month'
export type ArchivedFilter = 'false' | 'true' | 'all'

export const TRACKER_TYPES: readonly TrackerType[] = ['numeric', 'boolean', 'choice', 'rating', 'duration', 'text']
export const FREQUENCIES: readonly Frequency[] = ['hourly', 'daily', 'weekly', 'monthly']

/** A user's reminder emails (docs/api.md, Accounts). */
export interface ReminderSettings {
  /** One email a day at `time` listing the trackers not logged yet this period. */
  enabled: boolean
  /** "HH:MM", 24-hour, in the user's own time zone. */
  time: string
  /** Last month's report by email on the 1st. */
  monthly_report: boolean
}

export interface User {
  id: number
  email: string
  name: string
  timezone: string
  /** Always sent by the server; optional in openapi.yaml's User. */
  reminders?: ReminderSettings
  created_at: string
}

/** PATCH /me: any of these; `reminders` may hold only the keys that change. */
export interface UserUpdate {
  name?: string
  timezone?: string
  reminders?: Partial<ReminderSettings>
}

/** Options by type; only the members of the tracker's own type are meaningful. */
export interface TrackerOptions {
  /** numeric */
  min?: number | null
  max?: number | null
  decimals?: number
  /** choice */
  choices?: string[]
  /** rating */
  scale?: number
  labels?: string[] | null
}

export interface Target {
  op: 'at_least' | 'at_most'
  value: number
}

/** A log value in its natural JSON form for the tracker's type. */
export type LogValue = number | boolean | string

export interface PeriodSummary {
  start: string
  end: string
  count: number
  value: number | null
  done: boolean
}

export interface TrendPoint {
  start: string
  value: number | null
}

export interface TrackerSummary {
  last: { id: number; value: LogValue; logged_at: string } | null
  period: PeriodSummary
  current_streak: number
  best_streak: number
  trend: TrendPoint[]
}

export interface Tracker {
  id: number
  name: string
  description: string
  unit: string
  type: TrackerType
  frequency: Frequency
  options: TrackerOptions
  target: Target | null
  color: string
  icon: string
  position: number
  archived: boolean
  reminders?: boolean
  created_at: string
  updated_at: string
  /** Present only in GET /trackers. */
  summary?: TrackerSummary
}

/** The writable fields of a tracker (POST /trackers, PATCH /trackers/{id}). */
export interface TrackerInput {
  name?: string
  description?: string
  unit?: string
  type?: TrackerType
  frequency?: Frequency
  options?: TrackerOptions
  target?: Target | null
  color?: string
  icon?: string
  archived?: boolean
  reminders?: boolean
}

export interface Log {
  id: number
  tracker_id: number
  value: LogValue
  logged_at: string
  note: string
  created_at: string
  updated_at: string
}

export interface LogInput {
  value?: LogValue
  logged_at?: string
  note?: string
}

export interface LogPage {
  items: Log[]
  next: string | null
}

export interface StatsPoint {
  start: string
  count: number
  sum: number | null
  mean: number | null
  min: number | null
  max: number | null
  value: number | null
  counts?: Record<string, number>
}

export interface StatsSummary {
  count: number
  mean: number | null
  min: number | null
  max: number | null
  total: number | null
  current_streak: number
  best_streak: number
  target_hit_rate: number | null
}

export interface Stats {
  bucket: Bucket
  from: string
  to: string
  series: StatsPoint[]
  summary: StatsSummary
}

export interface LoginResult {
  token: string
  expires_at: string
  user: User
}

/** POST /reports: `to` is exclusive; leave out `tracker_ids` for every active tracker. */
export interface ReportRequest {
  tracker_ids?: number[]
  from: string
  to: string
}

export type JobStatus = 'queued' | 'running' | 'done' | 'failed'
export type JobKind = 'report' | 'send_email' | 'export'

export interface Job {
  id: number
  kind: JobKind
  status: JobStatus
  /** 0–100. */
  progress: number
  attempts: number
  /** Why it failed, once `status` is "failed"; null otherwise. */
  error: string | null
  created_at: string
  updated_at: string
  /** An export that is done: where to fetch the file (with the Authorization header), e.g. "/api/v1/exports/7/download". */
  download_url?: string
  /** An export that is done: when its file is deleted. */
  expires_at?: string
}

// ---- passwords, personal tokens and sessions ----

/** A personal API token; the secret itself (`qs_…`) is only in the answer to POST /me/tokens. */
export interface PersonalToken {
  id: number
  name: string
  created_at: string
  /** Null (or absent) until it is first used. */
  last_used_at: string | null
  expires_at: string
}

export interface CreatedToken {
  /** The secret, shown once. */
  token: string
  item: PersonalToken
}

/** One login. `current` marks the one making the request. */
export interface Session {
  id: number
  created_at: string
  last_used_at: string | null
  current: boolean
}

// ---- export and import ----

export type ExportFormat = 'json' | 'csv'

export type ImportFormat = 'qself-json' | 'qself-csv' | 'loop' | 'trackandgraph' | 'daylio'

export interface ImportTracker {
  name: string
  type: TrackerType
  /** "create": a new tracker; "reuse": one of yours with the same name and type. */
  action: 'create' | 'reuse'
  /** Logs to add (preview) or added (import). */
  logs: number
  /** Logs already there (same time, value and note), skipped. */
  duplicates: number
}

export interface ImportProblem {
  /** 1-based line of the file; 0 when not line-based. */
  line: number
  reason: string
}

/** POST /imports/preview and POST /imports. */
export interface ImportResult {
  format: ImportFormat | string
  committed: boolean
  trackers: ImportTracker[]
  logs: number
  duplicates: number
  problems: ImportProblem[]
}

/** A file fetched from the API (an export's download). */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> }
  request_id?: string
}
