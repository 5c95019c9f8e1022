// The lines of a small trend chart: one per run of consecutive periods with a
// value, so that a period with nothing logged leaves a gap.

/**
 * Each run of two or more consecutive present values as SVG polyline points
 * ("x,y x,y …", one decimal), with `x(i)` and `y(v)` placing them. A value that
 * is null (or not finite) ends a run; a run of one point makes no line (the
 * charts draw it as a dot).
 */
export function lineSegments(
  values: readonly (number | null)[],
  x: (i: number) => number,
  y: (v: number) => number,
): string[] {
  const segments: string[] = []
  let current: string[] = []
  const flush = () => {
    if (current.length > 1) segments.push(current.join(' '))
    current = []
  }
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) return flush()
    current.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`)
  })
  flush()
  return segments
}
