// The moving average the tracker chart draws over its per-period values.

/** The windows offered: none, a week's or a month's worth of periods. */
export const AVERAGE_WINDOWS = [0, 7, 30] as const
export type AverageWindow = (typeof AVERAGE_WINDOWS)[number]

/**
 * For each period, the mean of the values present among it and the `window - 1`
 * periods before it (of the calendar: one value per period, null where nothing
 * was logged). A period with no value is skipped, not counted as 0; where the
 * whole window is empty the average is null too. A window of 1 or less gives
 * the values back.
 */
export function movingAverage(values: readonly (number | null)[], window: number): (number | null)[] {
  const size = Math.max(1, Math.floor(window))
  const out: (number | null)[] = []
  let sum = 0
  let present = 0
  values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) {
      sum += v
      present++
    }
    const leaving = i - size >= 0 ? values[i - size] : null
    if (leaving !== null && leaving !== undefined && Number.isFinite(leaving)) {
      sum -= leaving
      present--
    }
    // Summing and subtracting drifts by a few ulps; a window's sum of whole numbers stays whole.
    out.push(present === 0 ? null : Math.round((sum / present) * 1e9) / 1e9)
  })
  return out
}
