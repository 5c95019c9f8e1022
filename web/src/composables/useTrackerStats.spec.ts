// useTrackerStats with the app's API client and a scripted server at the
// fetch boundary: Hour picked, then a range longer than 31 days, falls back to
// day before any request (the server would answer 422).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { nextTick, ref } from 'vue'
import type { Tracker } from '@/api/types'
import { useTrackerStats } from './useTrackerStats'

let buckets: string[] = []

beforeEach(() => {
  buckets = []
  vi.stubGlobal('fetch', async (url: string) => {
    const bucket = new URL(url, 'http://qself.test').searchParams.get('bucket') ?? ''
    buckets.push(bucket)
    const body = { bucket, from: '', to: '', series: [], summary: {} }
    return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

const water = { id: 1, type: 'numeric', frequency: 'daily', options: {} } as unknown as Tracker

async function settled() {
  for (let i = 0; i < 5; i++) await nextTick()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('useTrackerStats: grouping by hour', () => {
  it('groups 30 days by hour when asked', async () => {
    const stats = useTrackerStats(ref(water), ref('UTC'))
    stats.bucketChoice.value = 'hour'
    await settled()
    expect(stats.hourAllowed.value).toBe(true)
    expect(stats.bucket.value).toBe('hour')
    expect(buckets.at(-1)).toBe('hour')
  })

  it('falls back to day, and says hour is not allowed, for a year', async () => {
    const stats = useTrackerStats(ref(water), ref('UTC'))
    stats.bucketChoice.value = 'hour'
    await settled()
    buckets = []
    stats.preset.value = '1y'
    await settled()
    expect(stats.hourAllowed.value).toBe(false)
    expect(stats.bucketChoice.value).toBe('day')
    expect(stats.bucket.value).toBe('day')
    expect(buckets).not.toContain('hour')
    expect(buckets.at(-1)).toBe('day')
  })

  it('allows hour for a custom range of 31 days, not 32', async () => {
    const stats = useTrackerStats(ref(water), ref('UTC'))
    stats.preset.value = 'custom'
    stats.customFrom.value = '2026-01-01'
    stats.customTo.value = '2026-01-31'
    expect(stats.hourAllowed.value).toBe(true)
    stats.customTo.value = '2026-02-01'
    expect(stats.hourAllowed.value).toBe(false)
  })
})
