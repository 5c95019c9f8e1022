import { describe, expect, it } from 'vitest'
import { autoBucket, bucketKeyOf, enumerateBuckets } from './buckets'

describe('buckets', () => {
  it('keys an instant by its bucket in the user zone', () => {
    const iso = '2026-11-28T23:30:00Z' // Sunday 00:30 in Paris
    expect(bucketKeyOf(iso, 'day', 'UTC')).toBe('2026-11-28')
    expect(bucketKeyOf(iso, 'day', 'Europe/Paris')).toBe('2026-11-29')
    expect(bucketKeyOf(iso, 'week', 'Europe/Paris')).toBe('2026-11-23')
    expect(bucketKeyOf(iso, 'month', 'Europe/Paris')).toBe('2026-11-01')
    expect(bucketKeyOf(iso, 'hour', 'Europe/Paris')).toBe('2026-11-29T00')
  })
  it('lists every bucket in a range', () => {
    expect(enumerateBuckets('2026-11-26', '2026-11-29', 'day')).toEqual(['2026-11-26', '2026-11-27', '2026-11-28'])
    expect(enumerateBuckets('2026-11-26', '2026-12-08', 'week')).toEqual(['2026-11-23', '2026-11-30', '2026-12-07'])
    expect(enumerateBuckets('2026-11-26', '2027-01-02', 'month')).toEqual(['2026-11-01', '2026-12-01', '2027-01-01'])
    expect(enumerateBuckets('2026-11-26', '2026-11-27', 'hour')).toHaveLength(24)
  })
  it("keeps the tracker's own period when readable, else coarsens", () => {
    expect(autoBucket('daily', '2026-11-01', '2026-12-01')).toBe('day')
    expect(autoBucket('daily', '2025-12-01', '2026-12-01')).toBe('week')
    expect(autoBucket('hourly', '2026-11-24', '2026-12-01')).toBe('day')
    expect(autoBucket('weekly', '2026-11-24', '2026-12-01')).toBe('week')
    expect(autoBucket('daily', '2016-12-01', '2026-12-01')).toBe('month')
  })
})
