import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  dateKeyOf,
  formatRelative,
  fromDatetimeLocal,
  isDateKey,
  mondayOf,
  startOfDayRfc3339,
  toDatetimeLocal,
  toRfc3339,
  zoneOffsetMinutes,
} from './time'

describe('zones', () => {
  it('knows the offset, including daylight saving', () => {
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15), 'Europe/Paris')).toBe(60)
    expect(zoneOffsetMinutes(Date.UTC(2026, 6, 15), 'Europe/Paris')).toBe(120)
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15), 'Asia/Kolkata')).toBe(330)
    expect(zoneOffsetMinutes(Date.UTC(2026, 0, 15), 'America/New_York')).toBe(-300)
  })
  it('writes RFC 3339 with the zone offset', () => {
    expect(toRfc3339(Date.UTC(2026, 10, 28, 7, 15), 'Europe/Paris')).toBe('2026-11-28T08:15:00+01:00')
    expect(toRfc3339(Date.UTC(2026, 10, 28, 7, 15), 'UTC')).toBe('2026-11-28T07:15:00+00:00')
    expect(toRfc3339(Date.UTC(2026, 10, 28, 3, 0), 'America/New_York')).toBe('2026-11-27T22:00:00-05:00')
  })
  it('finds midnight of a civil date in the zone, across a DST change', () => {
    expect(startOfDayRfc3339('2026-03-29', 'Europe/Paris')).toBe('2026-03-29T00:00:00+01:00')
    expect(startOfDayRfc3339('2026-03-30', 'Europe/Paris')).toBe('2026-03-30T00:00:00+02:00')
  })
  it('dates an instant in the zone, not in UTC', () => {
    const lateEvening = Date.UTC(2026, 10, 28, 23, 30)
    expect(dateKeyOf(lateEvening, 'UTC')).toBe('2026-11-28')
    expect(dateKeyOf(lateEvening, 'Europe/Paris')).toBe('2026-11-29')
  })
})

describe('datetime-local round trip', () => {
  it('shows and reads wall-clock time in the user zone', () => {
    expect(toDatetimeLocal('2026-11-28T07:15:00Z', 'Europe/Paris')).toBe('2026-11-28T08:15')
    expect(fromDatetimeLocal('2026-11-28T08:15', 'Europe/Paris')).toBe('2026-11-28T08:15:00+01:00')
    expect(fromDatetimeLocal('2026-07-01T23:59', 'Europe/Paris')).toBe('2026-07-01T23:59:00+02:00')
  })
  it('refuses malformed input', () => {
    expect(fromDatetimeLocal('', 'UTC')).toBeNull()
    expect(fromDatetimeLocal('2026-02-30T10:00', 'UTC')).toBeNull()
    expect(fromDatetimeLocal('2026-02-10T25:00', 'UTC')).toBeNull()
  })
})

describe('civil dates', () => {
  it('adds days and months across year ends and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29')
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-01')
  })
  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-11-28')).toBe('2026-11-23') // a Saturday
    expect(mondayOf('2026-11-23')).toBe('2026-11-23')
    expect(mondayOf('2026-11-29')).toBe('2026-11-23') // Sunday ends the week
  })
  it('validates keys', () => {
    expect(isDateKey('2026-02-28')).toBe(true)
    expect(isDateKey('2026-02-29')).toBe(false)
    expect(isDateKey('26-2-1')).toBe(false)
  })
})

describe('formatRelative', () => {
  const now = Date.UTC(2026, 10, 28, 12, 0)
  it('speaks of recent times in words', () => {
    expect(formatRelative(new Date(now - 20_000).toISOString(), 'UTC', now)).toBe('just now')
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), 'UTC', now)).toBe('5 min ago')
    expect(formatRelative(new Date(now - 3 * 3600_000).toISOString(), 'UTC', now)).toBe('3 h ago')
    expect(formatRelative('2026-11-27T20:00:00Z', 'UTC', now)).toBe('yesterday')
    expect(formatRelative('2026-11-24T20:00:00Z', 'UTC', now)).toBe('4 days ago')
  })
})
