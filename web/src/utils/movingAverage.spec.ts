import { describe, expect, it } from 'vitest'
import { movingAverage } from './movingAverage'

describe('movingAverage', () => {
  it('averages each period with the ones before it, up to the window', () => {
    expect(movingAverage([1, 2, 3, 4, 5], 3)).toEqual([1, 1.5, 2, 3, 4])
  })

  it('skips periods with no value instead of counting them as 0', () => {
    // The third period's window holds 2, nothing and 4: their mean is 3, not 2.
    expect(movingAverage([2, null, 4, null, null, 6], 3)).toEqual([2, 2, 3, 4, 4, 6])
  })

  it('is null where the whole window is empty, and picks up again after', () => {
    expect(movingAverage([5, null, null, null, 1], 2)).toEqual([5, 5, null, null, 1])
    expect(movingAverage([null, null], 7)).toEqual([null, null])
    expect(movingAverage([], 30)).toEqual([])
  })

  it('counts zeros as values', () => {
    expect(movingAverage([0, 0, 3], 7)).toEqual([0, 0, 1])
  })

  it('gives the values back for a window of one', () => {
    expect(movingAverage([1, null, 3], 1)).toEqual([1, null, 3])
    expect(movingAverage([1, null, 3], 0)).toEqual([1, null, 3])
  })

  it('drops the values that leave a 7-period window', () => {
    const values = [10, 10, 10, 10, 10, 10, 10, 3, 3, 3, 3, 3, 3, 3]
    const avg = movingAverage(values, 7)
    expect(avg[6]).toBe(10)
    expect(avg[13]).toBe(3)
    expect(avg[9]).toBeCloseTo((4 * 10 + 3 * 3) / 7)
  })
})
