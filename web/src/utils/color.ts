// Tracker colours: a palette to pick from, and a readable text colour on each.
import palette from './palette.json'

/**
 * The tracker palette, in order. palette.json is its only definition: the server
 * embeds the same file and gives a tracker created without a colour the next one.
 */
export const PALETTE: readonly string[] = palette.map((c) => c.hex)

/** The palette's hues round a wheel, slate left out: the background of the "any colour" swatch. */
export const PALETTE_WHEEL = `conic-gradient(${[...PALETTE.slice(0, -1), PALETTE[0]].join(', ')})`

export function isHexColor(s: string): boolean {
  return /^#[0-9a-fA-F]{6}$/.test(s)
}

function channel(c: number): number {
  const s = c / 255
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
}

export function luminance(hex: string): number {
  if (!isHexColor(hex)) return 0
  const n = parseInt(hex.slice(1), 16)
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
}

/** White or near-black, whichever reads better on the colour. */
export function readableOn(hex: string): string {
  const l = luminance(hex)
  const whiteContrast = 1.05 / (l + 0.05)
  const blackContrast = (l + 0.05) / 0.05
  return whiteContrast >= Math.min(blackContrast, 4.5) ? '#ffffff' : '#111318'
}

/** The tracker's colour, or the first of the palette when it has none (or an odd one). */
export function colorOf(color: string | undefined | null): string {
  return color && isHexColor(color) ? color : PALETTE[0]
}

export function accentStyle(color: string | undefined): Record<string, string> {
  const c = colorOf(color)
  return { '--accent': c, '--on-accent': readableOn(c) }
}

// ---- the year in pixels ------------------------------------------------------

/**
 * A rating's colour: the tracker's colour mixed into the empty-day colour, from
 * 40% for the lowest rating to 100% for the highest, so that the scale reads
 * "more is stronger" on a light and on a dark page alike.
 */
export function ratingShare(value: number, scale: number): number {
  if (!(scale > 1)) return 100
  const share = Math.min(1, Math.max(0, (value - 1) / (scale - 1)))
  return Math.round(40 + 60 * share)
}

export function ratingFill(value: number, scale: number, color: string): string {
  return `color-mix(in oklab, ${colorOf(color)} ${ratingShare(value, scale)}%, var(--heat-0))`
}

/** The palette reordered so that neighbours in a choice list differ most in hue and lightness. */
const CHOICE_ORDER = [1, 6, 3, 9, 5, 10, 7, 2, 8, 4, 0, 11]

/** One colour per choice, in the list's order (a thirteenth choice starts the palette again). */
export function choiceColors(labels: readonly string[]): Map<string, string> {
  return new Map(labels.map((label, i) => [label, PALETTE[CHOICE_ORDER[i % CHOICE_ORDER.length]!]!]))
}
