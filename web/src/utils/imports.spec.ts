import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/client'
import type { ImportResult, ImportTracker } from '@/api/types'
import { actionLabel, describeFileError, formatBytes, formatName, importErrorMessage, summariseImport } from './imports'

function result(trackers: Array<Partial<ImportTracker>>, over: Partial<ImportResult> = {}): ImportResult {
  const list = trackers.map((t, i) => ({
    name: `T${i}`,
    type: 'boolean' as const,
    action: 'create' as const,
    logs: 0,
    duplicates: 0,
    ...t,
  }))
  return {
    format: 'daylio',
    committed: false,
    trackers: list,
    logs: list.reduce((n, t) => n + t.logs, 0),
    duplicates: list.reduce((n, t) => n + t.duplicates, 0),
    problems: [],
    ...over,
  }
}

describe('formatName', () => {
  it('names each format the server detects after its app', () => {
    expect(formatName('loop')).toBe('Loop Habit Tracker export')
    expect(formatName('trackandgraph')).toBe('Track & Graph export')
    expect(formatName('daylio')).toBe('Daylio export')
    expect(formatName('qself-json')).toBe('qself export (JSON)')
    expect(formatName('qself-csv')).toBe('qself export (CSV)')
  })
  it('still says something for a format it does not know yet', () => {
    expect(formatName('habitica')).toBe('habitica file')
    expect(formatName('')).toBe('Unknown format')
    expect(formatName(undefined)).toBe('Unknown format')
  })
})

describe('summariseImport', () => {
  it('counts new and existing trackers, logs and duplicates of a preview', () => {
    const s = summariseImport(
      result(
        [
          { action: 'create', logs: 30 },
          { action: 'create', logs: 12, duplicates: 1 },
          { action: 'reuse', logs: 3, duplicates: 4 },
        ],
        { problems: [{ line: 7, reason: 'full_date "x" is not a date' }] },
      ),
    )
    expect(s).toMatchObject({
      trackers: 3,
      created: 2,
      reused: 1,
      logs: 45,
      duplicates: 5,
      problems: 1,
      nothingNew: false,
    })
    expect(s.headline).toBe('Adds 45 logs to 3 trackers, 2 of them new.')
  })

  it('words a committed import in the past tense', () => {
    const s = summariseImport(result([{ logs: 1 }], { committed: true }))
    expect(s.headline).toBe('Imported 1 log into a new tracker.')
    expect(summariseImport(result([{ logs: 1200 }, { logs: 34 }], { committed: true })).headline).toBe(
      'Imported 1,234 logs into 2 new trackers.',
    )
  })

  it('says when logs only go into trackers that exist', () => {
    expect(summariseImport(result([{ action: 'reuse', logs: 2 }])).headline).toBe(
      'Adds 2 logs to your existing tracker.',
    )
    expect(
      summariseImport(
        result([
          { action: 'reuse', logs: 2 },
          { action: 'reuse', logs: 1 },
        ]),
      ).headline,
    ).toBe('Adds 3 logs to 2 existing trackers.')
  })

  it('knows a re-import changes nothing', () => {
    const again = result([
      { action: 'reuse', logs: 0, duplicates: 10 },
      { action: 'reuse', logs: 0, duplicates: 2 },
    ])
    const s = summariseImport(again)
    expect(s).toMatchObject({ created: 0, reused: 2, logs: 0, duplicates: 12, nothingNew: true })
    expect(s.headline).toBe('Nothing new: everything in this file is already here.')
    expect(summariseImport({ ...again, committed: true }).headline).toBe(
      'Nothing new was imported: it was all here already.',
    )
  })

  it('a tracker with no logs is still something new', () => {
    const s = summariseImport(result([{ action: 'create', logs: 0 }]))
    expect(s.nothingNew).toBe(false)
    expect(s.headline).toBe('Adds 0 logs to a new tracker.')
  })

  it('an empty file', () => {
    expect(summariseImport(result([])).headline).toBe('There is nothing to import in this file.')
    expect(summariseImport(result([], { committed: true })).headline).toBe('Nothing was imported.')
  })

  it('labels the action of each tracker', () => {
    expect(actionLabel({ action: 'create' })).toBe('Create')
    expect(actionLabel({ action: 'reuse' })).toBe('Use existing')
  })
})

describe('formatBytes', () => {
  it('reads like a file manager', () => {
    expect(formatBytes(0)).toBe('0 bytes')
    expect(formatBytes(1)).toBe('1 byte')
    expect(formatBytes(999)).toBe('999 bytes')
    expect(formatBytes(84_000)).toBe('84 kB')
    expect(formatBytes(1_234_567)).toBe('1.2 MB')
    expect(formatBytes(64 * 1024 * 1024)).toBe('67 MB')
  })
})

describe('describeFileError', () => {
  it("turns the server's reason on `file` into a sentence", () => {
    const e = new ApiError(422, 'validation_failed', 'Some fields are not valid.', {
      file: 'is not a format qself can import (qself JSON or CSV, Loop, Track & Graph, Daylio)',
    })
    expect(describeFileError(e)).toEqual({
      title: 'This file could not be read.',
      detail: 'The file is not a format qself can import (qself JSON or CSV, Loop, Track & Graph, Daylio).',
    })
    expect(importErrorMessage(e)).toMatch(/^This file could not be read\. The file is not a format/)
    const sentence = new ApiError(422, 'validation_failed', 'x', { file: 'Send the file as the request body.' })
    expect(describeFileError(sentence)?.detail).toBe('Send the file as the request body.')
  })
  it('explains a file over 64 MiB', () => {
    expect(describeFileError(new ApiError(413, 'payload_too_large', 'The file must be at most 64 MiB.'))?.title).toBe(
      'This file is too large.',
    )
  })
  it('leaves other errors to the general message', () => {
    expect(describeFileError(new ApiError(0, 'network_error', 'Cannot reach the server.'))).toBeNull()
    expect(describeFileError(new ApiError(422, 'validation_failed', 'x', { name: 'bad' }))).toBeNull()
    expect(describeFileError(new Error('x'))).toBeNull()
    expect(importErrorMessage(new ApiError(0, 'network_error', 'Cannot reach the server.'))).toBe(
      'Cannot reach the server.',
    )
  })
})
