import { describe, expect, it } from 'vitest'
import { PALETTE, PALETTE_WHEEL, colorOf, isHexColor, readableOn } from './color'

describe('the tracker palette', () => {
  it('is hex colours, none twice', () => {
    expect(PALETTE.every(isHexColor)).toBe(true)
    expect(new Set(PALETTE).size).toBe(PALETTE.length)
  })

  it('gives its first colour to a tracker without one, or with one that is not a colour', () => {
    expect(colorOf(undefined)).toBe(PALETTE[0])
    expect(colorOf('blue')).toBe(PALETTE[0])
    expect(colorOf('#123abc')).toBe('#123abc')
  })

  it('draws the "any colour" wheel from its own hues, closing the circle', () => {
    expect(PALETTE_WHEEL).toBe(`conic-gradient(${PALETTE.slice(0, -1).join(', ')}, ${PALETTE[0]})`)
  })

  it('writes white on dark colours and near-black on light ones', () => {
    expect(readableOn(PALETTE[0])).toBe('#ffffff')
    expect(readableOn('#fde047')).toBe('#111318')
  })
})
