import { describe, expect, it } from 'vitest'
import {
  PALETTE,
  PALETTE_WHEEL,
  choiceColors,
  colorOf,
  isHexColor,
  luminance,
  ratingFill,
  ratingShare,
  readableOn,
} from './color'

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

describe('year-in-pixels colours', () => {
  it('rates from faint to full: 40% of the colour for the lowest, 100% for the highest, evenly between', () => {
    expect([1, 2, 3, 4, 5].map((v) => ratingShare(v, 5))).toEqual([40, 55, 70, 85, 100])
    expect(ratingShare(2.5, 5)).toBe(63) // an average between two steps sits between them
    expect(ratingShare(0, 5)).toBe(40)
    expect(ratingShare(12, 10)).toBe(100)
    expect(ratingFill(5, 5, '#16a34a')).toBe('color-mix(in oklab, #16a34a 100%, var(--heat-0))')
    expect(ratingFill(1, 5, 'odd')).toBe(`color-mix(in oklab, ${PALETTE[0]} 40%, var(--heat-0))`)
  })

  it('gives each choice its own colour, neighbours far apart in lightness or hue', () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']
    const colors = choiceColors(labels)
    expect(new Set(colors.values()).size).toBe(12)
    expect([...colors.values()].every((c) => PALETTE.includes(c))).toBe(true)
    // The first two (the most common lists have two to five choices) differ clearly in lightness.
    const [first, second] = [colors.get('a')!, colors.get('b')!]
    const ratio =
      (Math.max(luminance(first), luminance(second)) + 0.05) / (Math.min(luminance(first), luminance(second)) + 0.05)
    expect(ratio).toBeGreaterThan(1.5)
    expect(choiceColors([...labels, 'm']).get('m')).toBe(colors.get('a'))
  })
})
