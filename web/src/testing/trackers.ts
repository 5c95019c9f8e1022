// A tracker for component specs: every field set, of `type` with `options`,
// and whatever `extra` changes.
import type { Tracker, TrackerOptions, TrackerType } from '@/api/types'

export function trackerFixture(type: TrackerType, options: TrackerOptions = {}, extra: Partial<Tracker> = {}): Tracker {
  return {
    id: 1,
    name: 'T',
    description: '',
    unit: '',
    type,
    frequency: 'daily',
    options,
    target: null,
    color: '#4f46e5',
    icon: '',
    position: 0,
    archived: false,
    reminders: true,
    reminder_schedule: null,
    created_at: '',
    updated_at: '',
    ...extra,
  }
}
