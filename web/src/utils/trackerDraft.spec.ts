import { describe, expect, it } from 'vitest'
import type { Tracker } from '@/api/types'
import { draftChoice, draftFromTracker, draftToInput, emptyDraft, goalPeriods, targetHint } from './trackerDraft'

const base: Tracker = {
  id: 1,
  name: 'Sleep',
  description: '',
  unit: '',
  type: 'duration',
  frequency: 'daily',
  options: {},
  target: { op: 'at_least', value: 27000 },
  color: '#4f46e5',
  icon: '😴',
  position: 0,
  archived: false,
  reminders: true,
  reminder_schedule: null,
  created_at: '',
  updated_at: '',
}

describe('tracker draft', () => {
  it('sends per-type options only for the chosen type', () => {
    const choices = [' bad', 'ok ', '', 'good'].map((label) => draftChoice(label))
    const d = { ...emptyDraft(), name: 'Mood', type: 'choice' as const, choices }
    const { input, errors } = draftToInput(d)
    expect(errors).toEqual({})
    expect(input.options).toEqual({ choices: [{ label: 'bad' }, { label: 'ok' }, { label: 'good' }] })
    expect(input.target).toBeNull()
  })
  it('refuses duplicate or missing choices', () => {
    expect(
      draftToInput({ ...emptyDraft(), name: 'X', type: 'choice', choices: [draftChoice('a'), draftChoice('A')] }).errors
        .choices,
    ).toBeTruthy()
    const blank = [draftChoice(''), draftChoice(' ')]
    expect(draftToInput({ ...emptyDraft(), name: 'X', type: 'choice', choices: blank }).errors.choices).toBeTruthy()
  })
  it('keeps each choice with its id, in the order shown, so that reordering and renaming change no log', () => {
    const mood: Tracker = {
      ...base,
      type: 'choice',
      options: {
        choices: [
          { id: 0, label: 'Great' },
          { id: 1, label: 'Good' },
        ],
      },
    }
    const d = draftFromTracker(mood)
    d.choices.reverse()
    d.choices[0].label = 'Fine'
    d.choices.push(draftChoice('Bad'))
    expect(draftToInput(d).input.options).toEqual({
      choices: [{ id: 1, label: 'Fine' }, { id: 0, label: 'Great' }, { label: 'Bad' }],
    })
  })
  it("carries the tracker's reminders flag both ways, on by default", () => {
    expect(emptyDraft().reminders).toBe(true)
    expect(draftToInput({ ...emptyDraft(), name: 'Water' }).input.reminders).toBe(true)
    const d = draftFromTracker({ ...base, reminders: false })
    expect(d.reminders).toBe(false)
    expect(draftToInput(d).input.reminders).toBe(false)
    expect(draftFromTracker(base).reminders).toBe(true)
  })
  it('reads a duration target as h:mm and writes it back', () => {
    const d = draftFromTracker(base)
    expect(d.targetValue).toBe('7:30')
    expect(draftToInput(d).input.target).toEqual({ op: 'at_least', value: 27000, aggregate: 'sum', period: null })
  })
  it("carries a duration tracker's entry unit both ways, minutes for trackers made before it", () => {
    expect(draftFromTracker(base).durationUnit).toBe('minutes')
    expect(draftToInput(draftFromTracker(base)).input.options).toEqual({ duration_unit: 'minutes' })
    const sleep = draftFromTracker({ ...base, options: { duration_unit: 'hours' } })
    expect(sleep.durationUnit).toBe('hours')
    expect(draftToInput(sleep).input.options).toEqual({ duration_unit: 'hours' })
    expect(draftToInput({ ...sleep, targetValue: '8' }).input.target).toMatchObject({ op: 'at_least', value: 28800 })
  })
  it('builds numeric options with empty bounds as null', () => {
    const d = { ...emptyDraft(), name: 'Weight', unit: 'kg', min: '', max: '300', decimals: 1 }
    expect(draftToInput(d).input.options).toEqual({ decimals: 1, min: null, max: 300 })
    expect(draftToInput({ ...d, min: '400' }).errors.max).toBeTruthy()
  })
  it('requires a label per rating step when labels are on', () => {
    const d = {
      ...emptyDraft(),
      name: 'Energy',
      type: 'rating' as const,
      scale: 3,
      useLabels: true,
      labels: ['low', 'mid'],
    }
    expect(draftToInput(d).errors.labels).toBeTruthy()
    const ok = draftToInput({ ...d, labels: ['low', 'mid', 'high'] })
    expect(ok.input.options).toEqual({ scale: 3, labels: ['low', 'mid', 'high'] })
  })
  it('clears rating labels explicitly when they are turned off', () => {
    const d = {
      ...emptyDraft(),
      name: 'Energy',
      type: 'rating' as const,
      scale: 4,
      useLabels: false,
      labels: ['a', 'b', 'c'],
    }
    expect(draftToInput(d).input.options).toEqual({ scale: 4, labels: null })
  })
  it('needs a name and a valid target', () => {
    const { errors } = draftToInput({ ...emptyDraft(), targetOp: 'at_most', targetValue: 'lots' })
    expect(Object.keys(errors).sort()).toEqual(['name', 'target'])
  })
  it('sends the goal with its aggregate and its own period, if longer than the frequency', () => {
    const weight = {
      ...emptyDraft(),
      name: 'Weight',
      unit: 'kg',
      frequency: 'weekly' as const,
      targetOp: 'at_most' as const,
      targetValue: '80',
      targetAggregate: 'average' as const,
    }
    expect(draftToInput(weight).input.target).toEqual({ op: 'at_most', value: 80, aggregate: 'average', period: null })
    const run = {
      ...emptyDraft(),
      name: 'Run',
      type: 'boolean' as const,
      targetOp: 'at_least' as const,
      targetValue: '3',
      targetPeriod: 'weekly' as const,
    }
    expect(draftToInput(run).input.target).toEqual({ op: 'at_least', value: 3, aggregate: 'sum', period: 'weekly' })
    // A period no longer than the frequency is the frequency's own: none is sent.
    expect(draftToInput({ ...run, frequency: 'monthly' }).input.target?.period).toBeNull()
    expect(goalPeriods('daily')).toEqual(['daily', 'weekly', 'monthly'])
    expect(goalPeriods('weekly')).toEqual(['weekly', 'monthly'])
  })
  it("falls back to the type's default aggregate when the type changes to one without it", () => {
    const d = {
      ...emptyDraft(),
      name: 'Mood',
      targetOp: 'at_least' as const,
      targetValue: '4',
      targetAggregate: 'sum' as const,
    }
    expect(draftToInput({ ...d, type: 'rating' }).input.target?.aggregate).toBe('average')
    expect(draftToInput({ ...d, type: 'rating', targetAggregate: 'last' }).input.target?.aggregate).toBe('last')
  })
  it('reads a goal back from a tracker, and says what the value is held against', () => {
    const weight = draftFromTracker({
      ...base,
      name: 'Weight',
      type: 'numeric',
      frequency: 'daily',
      target: { op: 'at_most', value: 80, aggregate: 'last', period: 'daily' },
    })
    expect(weight.targetAggregate).toBe('last')
    expect(weight.targetPeriod).toBe('') // the frequency's own
    expect(targetHint('numeric', 'average', 'weekly')).toBe(
      "The average of the week's logs; a week with none has no data.",
    )
    expect(targetHint('boolean', 'sum', 'weekly')).toBe('How many “yes” in a week.')
  })

  it('carries a reminder schedule both ways: times sorted, days in week order, none as null', () => {
    expect(draftToInput({ ...emptyDraft(), name: 'Water' }).input.reminder_schedule).toBeNull()
    const d = draftFromTracker({ ...base, reminder_schedule: { times: ['08:00', '20:00'], days: ['mon', 'wed'] } })
    expect(d.reminderTimes).toEqual(['08:00', '20:00'])
    expect(d.reminderDays).toEqual(['mon', 'wed'])
    const edited = { ...d, reminderTimes: ['20:00', '', '07:30'], reminderDays: ['fri' as const, 'mon' as const] }
    const { input, errors } = draftToInput(edited)
    expect(errors).toEqual({})
    expect(input.reminder_schedule).toEqual({ times: ['07:30', '20:00'], days: ['mon', 'fri'] })
    expect(draftFromTracker(base).reminderDays).toEqual(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])
  })

  it('refuses a repeated time or no day, under the keys the server uses', () => {
    const d = { ...emptyDraft(), name: 'Water', reminderTimes: ['08:00', '08:00'] }
    expect(draftToInput(d).errors['reminder_schedule.times']).toBe('Each time only once.')
    expect(draftToInput({ ...d, reminderTimes: ['08:00'], reminderDays: [] }).errors['reminder_schedule.days']).toBe(
      'Pick at least one day.',
    )
    expect(draftToInput({ ...d, reminderTimes: ['8:00'] }).errors['reminder_schedule.times']).toBe(
      'Enter each time as HH:MM.',
    )
  })
})
