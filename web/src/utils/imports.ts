// Words for an import: which app a file came from, what importing it does,
// and why a file was refused. Pure, for ImportView and its tests.
import { isApiError, errorMessage } from '@/api/client'
import type { ImportResult, ImportTracker } from '@/api/types'
import { plural } from './format'

export const IMPORT_FORMAT_NAMES: Record<string, string> = {
  'qself-json': 'qself export (JSON)',
  'qself-csv': 'qself export (CSV)',
  loop: 'Loop Habit Tracker export',
  trackandgraph: 'Track & Graph export',
  daylio: 'Daylio export',
}

/** The app a detected format comes from, in words: "Loop Habit Tracker export". */
export function formatName(format: string | null | undefined): string {
  if (!format) return 'Unknown format'
  return IMPORT_FORMAT_NAMES[format] ?? `${format} file`
}

/** The apps whose files can be imported, for the file picker's hint. */
export const IMPORT_SOURCES: { name: string; how: string }[] = [
  { name: 'Loop Habit Tracker', how: 'the .zip from its “Export as CSV”' },
  { name: 'Track & Graph', how: 'its CSV export' },
  { name: 'Daylio', how: 'its CSV export' },
  { name: 'qself', how: 'a JSON or CSV export from this or another qself server' },
]

/** File types offered first by the file picker (any file can still be chosen). */
export const IMPORT_ACCEPT = '.csv,.json,.zip,text/csv,application/json,application/zip'

export interface ImportSummary {
  /** Trackers the file has logs or definitions for. */
  trackers: number
  /** New trackers. */
  created: number
  /** Existing trackers the logs go into. */
  reused: number
  /** Logs added (or to add). */
  logs: number
  /** Logs already there, skipped. */
  duplicates: number
  /** Rows that could not be read, skipped. */
  problems: number
  /** Nothing would change: every tracker exists and every log is already there. */
  nothingNew: boolean
  /** One sentence: "Adds 42 logs to 5 trackers, 3 of them new." / "Imported …". */
  headline: string
}

const count = plural

export function summariseImport(result: ImportResult): ImportSummary {
  const created = result.trackers.filter((t) => t.action === 'create').length
  const reused = result.trackers.length - created
  const trackers = result.trackers.length
  const { logs, duplicates } = result
  const nothingNew = created === 0 && logs === 0
  const where =
    trackers === 0
      ? ''
      : created === 0
        ? ` ${result.committed ? 'into' : 'to'} ${trackers === 1 ? 'your existing tracker' : `${trackers} existing trackers`}`
        : created === trackers
          ? ` ${result.committed ? 'into' : 'to'} ${trackers === 1 ? 'a new tracker' : `${trackers} new trackers`}`
          : ` ${result.committed ? 'into' : 'to'} ${count(trackers, 'tracker')}, ${created} of them new`

  let headline: string
  if (trackers === 0) headline = result.committed ? 'Nothing was imported.' : 'There is nothing to import in this file.'
  else if (nothingNew)
    headline = result.committed
      ? 'Nothing new was imported: it was all here already.'
      : 'Nothing new: everything in this file is already here.'
  else if (result.committed) headline = `Imported ${count(logs, 'log')}${where}.`
  else headline = `Adds ${count(logs, 'log')}${where}.`

  return { trackers, created, reused, logs, duplicates, problems: result.problems.length, nothingNew, headline }
}

/** "Create" or "Use existing", for the trackers table. */
export function actionLabel(t: Pick<ImportTracker, 'action'>): string {
  return t.action === 'create' ? 'Create' : 'Use existing'
}

/** Problems beyond this many are folded away behind "Show all". */
export const PROBLEMS_SHOWN = 5

/** "1.2 MB", "840 kB", "12 bytes". */
export function formatBytes(n: number): string {
  if (n < 1000) return plural(n, 'byte')
  if (n < 1000 * 1000) return `${Math.round(n / 1000)} kB`
  if (n < 1000 * 1000 * 1000) return `${(n / 1000 / 1000).toFixed(n < 10_000_000 ? 1 : 0)} MB`
  return `${(n / 1000 / 1000 / 1000).toFixed(1)} GB`
}

/** Why a file was refused, as a title and a detail, or null for other errors. */
export function describeFileError(e: unknown): { title: string; detail: string } | null {
  if (!isApiError(e)) return null
  if (e.status === 413) return { title: 'This file is too large.', detail: 'A file can be at most 64 MiB.' }
  if (e.status === 422 && e.fields.file) {
    // The server words it about the file: "is not a format qself can import: …".
    const reason = e.fields.file.trim()
    const detail = /^[A-Z]/.test(reason) ? reason : `The file ${reason}`
    return { title: 'This file could not be read.', detail: /[.!?]$/.test(detail) ? detail : detail + '.' }
  }
  return null
}

/** A sentence for any failure of an upload. */
export function importErrorMessage(e: unknown): string {
  const file = describeFileError(e)
  return file ? `${file.title} ${file.detail}` : errorMessage(e)
}
