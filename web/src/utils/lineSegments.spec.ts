import { describe, expect, it } from 'vitest'
import { lineSegments } from './lineSegments'

describe('lineSegments', () => {
  const x = (i: number) => i * 10
  const y = (v: number) => 100 - v

  it('draws one line through consecutive values', () => {
    expect(lineSegments([1, 2, 3], x, y)).toEqual(['0.0,99.0 10.0,98.0 20.0,97.0'])
  })

  it('leaves a gap where a period has no value, and no line for a lone point', () => {
    expect(lineSegments([1, 2, null, 4, null, 6, 7.5], x, y)).toEqual(['0.0,99.0 10.0,98.0', '50.0,94.0 60.0,92.5'])
  })

  it('draws nothing without two neighbours', () => {
    expect(lineSegments([], x, y)).toEqual([])
    expect(lineSegments([null, 3, null], x, y)).toEqual([])
    expect(lineSegments([Number.NaN, 3], x, y)).toEqual([])
  })
})
