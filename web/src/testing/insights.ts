// Insight findings for specs: the server's example, with whatever `extra` changes.
import type { InsightFinding } from '@/api/types'

export function finding(extra: Partial<InsightFinding> = {}): InsightFinding {
  return {
    key: 'relationship:3:1:0:yes',
    kind: 'relationship',
    reliable: true,
    sentence: 'On days you logged Meditate as Yes, Mood averaged 4.1, against 3.2 on other days (40 vs 20 days).',
    tracker_ids: [3, 1],
    lag: 0,
    period: 'day',
    test: 'difference_of_means',
    n: 60,
    effect: 0.9,
    ci_low: 0.5,
    ci_high: 1.3,
    p_value: 0.00002,
    q_value: 0.0009,
    strength: 'strong',
    groups: [
      { label: 'Yes', n: 40, mean: 4.1, sd: 0.7 },
      { label: 'No', n: 20, mean: 3.2, sd: 0.8 },
    ],
    ...extra,
  }
}
