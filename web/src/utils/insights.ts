// Insights in words: the numbers behind a finding, a rhythm's "last logged",
// and which findings the tracker page shows. The server writes each finding's
// sentence and computes every statistic; nothing here derives one.
import type { InsightFinding, InsightRhythm, InsightTest, Insights, TrackerType } from '@/api/types'
import { formatDuration, formatNumber, formatPercent, periodValueAddsUp, plural, type ValueShape } from './format'
import { formatRelative } from './time'

/** Each test named in plain words. */
export const TEST_NAMES: Record<InsightTest, string> = {
  spearman: 'rank correlation (Spearman)',
  difference_of_means: 'difference of means',
  difference_of_rates: 'difference of rates',
  kruskal_wallis: 'weekday differences (Kruskal–Wallis)',
}

/** Monday to Sunday, as ISO weekdays 1 to 7 read. */
export const WEEKDAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const

/** A p- or q-value: two significant digits, and "< 0.001" below that. */
export function formatP(p: number): string {
  if (!Number.isFinite(p)) return '—'
  if (p < 0.001) return '< 0.001'
  if (p >= 0.995) return '1'
  return Number(p.toPrecision(2)).toString()
}

/**
 * The tracker whose values a finding's groups hold. A weekday rhythm or a trend has one. A relationship
 * shows the second tracker's values (its mean per fifth of the first's, or on the periods with and
 * without the first's yes or choice) — unless only the second is a yes or a choice, when the groups
 * are its periods and hold the first's values ("Before days you logged Commute as bike, Mood averaged…").
 */
export function valuedTrackerId(f: InsightFinding, typeOf: (id: number) => TrackerType | undefined): number {
  const [first, second] = f.tracker_ids
  if (second === undefined) return first!
  if (f.test === 'spearman') return second
  const type = typeOf(first!)
  const firstIsGroups = type === 'boolean' || (f.choice_ids ? f.choice_ids[0] != null : type === 'choice')
  return firstIsGroups ? second : first!
}

/**
 * A value of `shape` the way a finding's group mean reads: a share (of yes, or of periods with a choice),
 * a duration, a number and unit.
 */
export function formatMean(shape: ValueShape | undefined, mean: number | null): string {
  if (mean === null || !Number.isFinite(mean)) return '—'
  if (shape?.type === 'boolean' || shape?.type === 'choice') return formatPercent(mean)
  if (shape?.type === 'duration') return formatDuration(mean)
  // As the server's sentences write them: one decimal, none from 100 up, two below 1 (0.35 cups).
  const size = Math.abs(mean)
  const text = formatNumber(mean, size >= 100 ? 0 : size >= 1 || size === 0 ? 1 : 2)
  return shape?.type === 'numeric' && shape.unit ? `${text} ${shape.unit}` : text
}

function signed(text: string, v: number): string {
  return v > 0 ? `+${text}` : v < 0 ? `−${text.replace(/^-/, '')}` : text
}

/** The effect with its 95 % confidence interval, in the finding's own terms. */
export function formatEffect(f: InsightFinding, shape: ValueShape | undefined): string {
  const ci = (fmt: (v: number) => string) =>
    f.ci_low === null || f.ci_high === null ? '' : ` (95 % CI ${fmt(f.ci_low)} to ${fmt(f.ci_high)})`
  switch (f.test) {
    case 'spearman': {
      const rho = (v: number) => signed(formatNumber(v, 2), v)
      return `ρ ${rho(f.effect)}${ci(rho)}`
    }
    case 'difference_of_rates': {
      const points = (v: number) => signed(formatNumber(Math.abs(v) * 100, 0), v)
      return `difference ${points(f.effect)} percentage points${ci(points)}`
    }
    case 'difference_of_means': {
      const mean = (v: number) => signed(formatMean(shape, Math.abs(v)), v)
      return `difference ${mean(f.effect)}${ci(mean)}`
    }
    case 'kruskal_wallis':
      return `range ${formatMean(shape, f.effect)} between weekdays`
  }
}

/** The numbers behind a finding, each a short phrase: periods, effect and interval, p, q, the test. */
export function findingNumbers(f: InsightFinding, shape: ValueShape | undefined): string[] {
  return [
    plural(f.n, f.period),
    formatEffect(f, shape),
    `p ${formatP(f.p_value)}`,
    `q ${formatP(f.q_value)}`,
    TEST_NAMES[f.test],
  ]
}

/** What the tracker page shows of its insights: up to `max` relationships (reliable first) and its trend. */
export function trackerHighlights(insights: Insights, max = 3) {
  const all = [...insights.findings, ...insights.not_reliable]
  return {
    relationships: all.filter((f) => f.kind === 'relationship').slice(0, max),
    /** The longest window's trend that survived, else the strongest of the rest. */
    trend: all.find((f) => f.kind === 'trend') ?? null,
  }
}

/** Whether "time since last" reads well for a tracker: yes/no, and counts or totals of things (cups, glasses). */
export function showsTimeSinceLast(shape: ValueShape): boolean {
  return shape.type === 'boolean' || (shape.type === 'numeric' && periodValueAddsUp(shape))
}

/** "Last yes 3 days ago · usually every 2 days"; null when it was never logged. */
export function timeSinceLast(shape: ValueShape, rhythm: InsightRhythm, tz: string, now = Date.now()): string | null {
  if (!rhythm.last_at) return null
  const last = `${shape.type === 'boolean' ? 'Last yes' : 'Last logged'} ${formatRelative(rhythm.last_at, tz, now)}`
  const gap = rhythm.typical_gap_days
  if (gap === null || gap === undefined || !Number.isFinite(gap) || gap <= 0) return last
  const every = gap <= 1 ? 'every day' : `every ${formatNumber(gap, 1)} days`
  return `${last} · usually ${every}`
}

/** Whether a weekday rhythm has anything to show. */
export function hasWeekdays(rhythm: InsightRhythm | undefined): boolean {
  return !!rhythm && rhythm.weekday.some((d) => d.n > 0)
}
