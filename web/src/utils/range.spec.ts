import { describe, expect, it } from 'vitest'
import { computeRange } from './range'

const now = Date.UTC(2026, 10, 28, 12) // 28 Nov 2026

describe('computeRange', () => {
  it('ends every preset with today, included', () => {
    expect(computeRange('7d', 'UTC', { now })).toEqual({ from: '2026-11-22', toExclusive: '2026-11-29' })
    expect(computeRange('30d', 'UTC', { now })).toEqual({ from: '2026-10-30', toExclusive: '2026-11-29' })
    expect(computeRange('1y', 'UTC', { now })!.from).toBe('2025-11-29')
  })
  it('uses the user zone for today', () => {
    const lateUtc = Date.UTC(2026, 10, 28, 23, 30)
    expect(computeRange('7d', 'Asia/Tokyo', { now: lateUtc })!.toExclusive).toBe('2026-11-30')
  })
  it('starts "all" at the earliest data', () => {
    expect(computeRange('all', 'UTC', { now, earliest: '2024-03-01' })!.from).toBe('2024-03-01')
    expect(computeRange('all', 'UTC', { now, earliest: null })!.from).toBe('2026-10-30')
  })
  it('takes a custom range in either order, and refuses a missing date', () => {
    expect(computeRange('custom', 'UTC', { now, customFrom: '2026-11-10', customTo: '2026-11-01' })).toEqual({
      from: '2026-11-01',
      toExclusive: '2026-11-11',
    })
    expect(computeRange('custom', 'UTC', { now, customFrom: '2026-11-10', customTo: '' })).toBeNull()
  })
})
