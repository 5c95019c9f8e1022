import { describe, expect, it } from 'vitest'
import { buildReportRequest, describeRange, reportRange } from './report'
import { formatDateKey } from './time'

const now = Date.UTC(2026, 10, 28, 12) // Saturday 28 Nov 2026

describe('reportRange', () => {
  it('ends the rolling ranges with today, included', () => {
    expect(reportRange('7d', 'UTC', { now })).toEqual({ from: '2026-11-22', toExclusive: '2026-11-29' })
    expect(reportRange('30d', 'UTC', { now })).toEqual({ from: '2026-10-30', toExclusive: '2026-11-29' })
  })
  it('takes the whole previous month, across a year end too', () => {
    expect(reportRange('last-month', 'UTC', { now })).toEqual({ from: '2026-10-01', toExclusive: '2026-11-01' })
    expect(reportRange('last-month', 'UTC', { now: Date.UTC(2027, 0, 15) })).toEqual({
      from: '2026-12-01',
      toExclusive: '2027-01-01',
    })
  })
  it('runs "this year" from 1 January to today', () => {
    expect(reportRange('this-year', 'UTC', { now })).toEqual({ from: '2026-01-01', toExclusive: '2026-11-29' })
  })
  it("counts days in the user's zone, not the browser's", () => {
    // 23:30 UTC on 31 Oct: already 1 Nov in Tokyo (last month: October), still 31 Oct in Los Angeles (September).
    const lateUtc = Date.UTC(2026, 9, 31, 23, 30)
    expect(reportRange('last-month', 'Asia/Tokyo', { now: lateUtc })!.from).toBe('2026-10-01')
    expect(reportRange('last-month', 'America/Los_Angeles', { now: lateUtc })!.from).toBe('2026-09-01')
    expect(reportRange('this-year', 'Pacific/Kiritimati', { now: Date.UTC(2026, 11, 31, 12) })!.from).toBe('2027-01-01')
  })
  it('takes a custom range inclusive, in either order; null without both dates', () => {
    expect(reportRange('custom', 'UTC', { now, customFrom: '2026-11-10', customTo: '2026-11-01' })).toEqual({
      from: '2026-11-01',
      toExclusive: '2026-11-11',
    })
    expect(reportRange('custom', 'UTC', { now, customFrom: '', customTo: '2026-11-01' })).toBeNull()
  })
})

describe('describeRange', () => {
  // Dates are formatted in the browser's locale, so compare with the same formatter.
  it('names the first and the last day, the year once when it is the same', () => {
    expect(describeRange({ from: '2026-10-01', toExclusive: '2026-11-01' })).toBe(
      `${formatDateKey('2026-10-01')} – ${formatDateKey('2026-10-31', true)}`,
    )
    expect(describeRange({ from: '2025-12-20', toExclusive: '2026-01-03' })).toBe(
      `${formatDateKey('2025-12-20', true)} – ${formatDateKey('2026-01-02', true)}`,
    )
    expect(describeRange({ from: '2026-11-28', toExclusive: '2026-11-29' })).toBe(formatDateKey('2026-11-28', true))
  })
})

describe('buildReportRequest', () => {
  const october = { from: '2026-10-01', toExclusive: '2026-11-01' }

  it('sends midnight in the user zone, with its offset on each side of a DST change', () => {
    const { input, errors } = buildReportRequest({
      range: october,
      tz: 'Europe/Paris',
      selected: [1, 2],
      active: [1, 2],
    })
    expect(errors).toEqual({})
    expect(input).toEqual({ from: '2026-10-01T00:00:00+02:00', to: '2026-11-01T00:00:00+01:00' })
  })
  it('leaves tracker_ids out when every active tracker is picked, in any order', () => {
    expect(
      buildReportRequest({ range: october, tz: 'UTC', selected: [2, 1], active: [1, 2] }).input,
    ).not.toHaveProperty('tracker_ids')
  })
  it('lists the trackers when only some are picked, or an archived one', () => {
    expect(buildReportRequest({ range: october, tz: 'UTC', selected: [2], active: [1, 2] }).input?.tracker_ids).toEqual(
      [2],
    )
    expect(buildReportRequest({ range: october, tz: 'UTC', selected: [9], active: [] }).input?.tracker_ids).toEqual([9])
  })
  it('refuses no tracker, too many, or a missing date', () => {
    expect(buildReportRequest({ range: october, tz: 'UTC', selected: [], active: [1] })).toEqual({
      input: null,
      errors: { tracker_ids: 'Pick at least one tracker.' },
    })
    const many = Array.from({ length: 101 }, (_, i) => i + 1)
    expect(
      buildReportRequest({ range: october, tz: 'UTC', selected: many, active: [...many, 102] }).errors,
    ).toHaveProperty('tracker_ids')
    expect(buildReportRequest({ range: october, tz: 'UTC', selected: many, active: many }).errors).toEqual({})
    expect(buildReportRequest({ range: null, tz: 'UTC', selected: [1], active: [1] }).errors).toEqual({
      range: 'Pick both dates.',
    })
  })
})
