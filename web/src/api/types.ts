// Shapes of the qself JSON API: names for the types generated from openapi.yaml
// (schema.ts, `npm run gen:api`). Where the client reads a shape differently from
// how the spec writes it, the type below says so; the spec itself is never worked
// around here — a wrong spec is fixed in openapi.yaml.
import type { components, operations } from './schema'

type Schemas = components['schemas']

export type TrackerType = Schemas['TrackerType']
export type Frequency = Schemas['TrackerFrequency']
export type Bucket = Schemas['Stats']['bucket']
export type ArchivedFilter = NonNullable<NonNullable<operations['listTrackers']['parameters']['query']>['archived']>

export const TRACKER_TYPES: readonly TrackerType[] = ['numeric', 'boolean', 'choice', 'rating', 'duration', 'text']
export const FREQUENCIES: readonly Frequency[] = ['hourly', 'daily', 'weekly', 'monthly']

/** A user's reminder emails (docs/api.md, Accounts). */
export type ReminderSettings = Schemas['ReminderSettings']
export type User = Schemas['User']
/** PATCH /me: any of these; `reminders` may hold only the keys that change. */
export type UserUpdate = Schemas['UserUpdate']

/**
 * Options by type. The spec says exactly which object each type has (`anyOf`); the
 * forms read and write them as one object whose members are meaningful only for the
 * tracker's own type.
 */
export type TrackerOptions = Partial<Schemas['NumericOptions']> &
  Partial<Omit<Schemas['ChoiceOptions'], 'choices'>> & { choices?: Choice[] } & Partial<Schemas['RatingOptions']> &
  Partial<Schemas['DurationOptions']>

/**
 * One answer of a choice tracker. Logs hold its `id`, so its place and label can
 * change freely; trackers read from the server always carry the id, a new choice
 * sent without one gets it from the server.
 */
export type Choice = Schemas['Choice']

/** After 409 `mapping_required`: a logged value the change must be told about. */
export type ValueToMap = Schemas['ValueToMap']
/** What a logged value becomes (`to: null` deletes its logs). */
export type ValueMapping = Schemas['ValueMapping']

/** What a number typed alone means when logging a duration ("8": 8 minutes or 8 hours). */
export type DurationUnit = NonNullable<Schemas['DurationOptions']['duration_unit']>

export type Target = NonNullable<Schemas['Target']>
/** A tracker's own reminder times (null: none). */
export type ReminderSchedule = Schemas['ReminderSchedule']
/** What a target is held against: a period's total, count, average, latest, lowest or highest. */
export type Aggregate = NonNullable<Target['aggregate']>

/** A log value in its natural JSON form for the tracker's type. */
export type LogValue = Schemas['LogValue']

export type TrackerSummary = Schemas['Summary']
export type PeriodSummary = TrackerSummary['period']
export type TrendPoint = TrackerSummary['trend'][number]

export type Tracker = Omit<Schemas['Tracker'], 'options'> & { options: TrackerOptions }

/** The writable fields of a tracker (POST /trackers, PATCH /trackers/{id}); `force` and `mapping` are the client's own arguments. */
export type TrackerInput = Omit<Schemas['TrackerUpdate'], 'options' | 'force' | 'mapping'> & {
  options?: TrackerOptions
}

export type Log = Schemas['Log']
export type LogInput = Schemas['LogUpdate']
export type LogPage = Schemas['LogPage']
export type Day = Schemas['Day']

export type StatsPoint = Schemas['StatsBucket']
export type Stats = Schemas['Stats']
export type StatsSummary = Stats['summary']

export type LoginResult = Schemas['LoginResponse']
/** The answer to a sign-up (email verification required) and to "send the link again": the same whatever the address. */
export type CheckEmail = Schemas['CheckEmail']

/** POST /reports: `to` is exclusive; leave out `tracker_ids` for every active tracker. */
export type ReportRequest = Schemas['ReportRequest']

export type Job = Schemas['Job']
export type JobStatus = Job['status']
export type JobKind = Job['kind']

// ---- passwords, personal tokens and sessions ----

/** A personal API token; the secret itself (`qs_…`) is only in the answer to POST /me/tokens. */
export type PersonalToken = Schemas['PersonalToken']
export type TokenScope = Schemas['TokenScope']
export type CreatedToken = Schemas['PersonalTokenCreated']
/** One login. `current` marks the one making the request. */
export type Session = Schemas['Session']

// ---- export and import ----

export type ExportFormat = NonNullable<
  NonNullable<operations['requestExport']['requestBody']>['content']['application/json']['format']
>

/** POST /imports/preview and POST /imports. */
export type ImportResult = Schemas['ImportResult']
export type ImportFormat = ImportResult['format']
export type ImportTracker = ImportResult['trackers'][number]
export type ImportProblem = ImportResult['problems'][number]

/** A file fetched from the API (an export's download); not a JSON shape. */
export interface DownloadedFile {
  blob: Blob
  filename: string
}

export type ErrorBody = Schemas['Error']

// ---- insights ----

/** GET /insights and GET /trackers/{id}/insights: findings, the rest, and every tracker's rhythms. */
export type Insights = Schemas['Insights']
/** One comparison: its sentence in plain words, the numbers behind it and what a small chart shows. */
export type InsightFinding = Schemas['InsightFinding']
export type InsightKind = InsightFinding['kind']
export type InsightTest = InsightFinding['test']
/** A group of periods a finding compares (a bar), or a week of a trend. */
export type InsightGroup = Schemas['InsightGroup']
/** A tracker's weekday and hour-of-day rhythms, and when it was last logged. */
export type InsightRhythm = Schemas['InsightRhythm']
export type InsightWeekday = Schemas['InsightWeekday']
export type InsightHour = Schemas['InsightHour']

// ---- notifications (Web Push) ----

/** One device that gets the account's notifications: a browser's push subscription, or a webhook. */
export type PushDevice = Schemas['PushSubscription']
/** A browser (`webpush`) or a URL the notifications are POSTed to as JSON (`webhook`). */
export type PushDeviceKind = PushDevice['kind']
/** POST /push/subscriptions: what `PushSubscription.toJSON()` gives, and a label. */
export type PushDeviceInput = Schemas['PushSubscriptionCreate']
/** POST /push/webhooks: an https URL (ntfy, Gotify, Home Assistant…) and a label. */
export type PushWebhookInput = Schemas['PushWebhookCreate']
/** POST /push/actions: a value logged from a notification's button, with the notification's token. */
export type PushActionInput = Schemas['PushActionRequest']
