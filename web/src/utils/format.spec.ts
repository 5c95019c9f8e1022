import { describe, expect, it } from 'vitest'
import {
  describeReminderSchedule,
  choiceLabel,
  describeTarget,
  formatDuration,
  formatNumber,
  formatPeriodValue,
  formatProgress,
  goalAggregate,
  goalPeriod,
  periodValueAddsUp,
  shortTarget,
  formatRating,
  formatValue,
  parseDuration,
  readDurationEntry,
  formatDurationWords,
  formatElapsed,
  MAX_DURATION_SECONDS,
  parseNumber,
} from './format'

describe('formatDuration', () => {
  it('writes seconds as h:mm', () => {
    expect(formatDuration(0)).toBe('0:00')
    expect(formatDuration(5400)).toBe('1:30')
    expect(formatDuration(3600 * 26 + 60 * 5)).toBe('26:05')
  })
  it('rounds to the nearest minute', () => {
    expect(formatDuration(29)).toBe('0:00')
    expect(formatDuration(30)).toBe('0:01')
    expect(formatDuration(3599)).toBe('1:00')
  })
  it('says nothing for a non-number', () => {
    expect(formatDuration(Number.NaN)).toBe('—')
  })
})

describe('parseDuration', () => {
  it.each([
    ['1:30', 5400],
    ['0:45', 2700],
    [':45', 2700],
    ['10:05', 36300],
    ['1:30:15', 5415],
    ['2h', 7200],
    ['45m', 2700],
    ['45 min', 2700],
    ['1h30', 5400],
    ['1h 30m', 5400],
    ['1.5h', 5400],
    ['1,5h', 5400],
    ['90', 5400],
    ['  7:00  ', 25200],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds)
  })
  it.each(['', 'abc', '1:60', '1:30:99', '1h75', '1.5', '-1:00', 'h', '1::30'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull()
  })
  it.each([
    ['7:30', 27000],
    ['7h30', 27000],
    ['7.5h', 27000],
    ['450m', 27000],
    ['8', 8 * 3600],
    ['7.5', 27000],
    ['7,5', 27000],
    ['90m', 5400],
  ])('with hours as the entry unit, reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text, 'hours')).toBe(seconds)
  })
  it.each(['', 'abc', '8 hours please', '7:75', '1..5', 'h30', '-8'])(
    'with hours as the entry unit, refuses %j',
    (text) => {
      expect(parseDuration(text, 'hours')).toBeNull()
    },
  )
  it('reads a number alone as minutes unless the tracker enters hours', () => {
    expect(parseDuration('8')).toBe(8 * 60)
    expect(parseDuration('8', 'minutes')).toBe(8 * 60)
    expect(parseDuration('8', 'hours')).toBe(8 * 3600)
  })
  it('round-trips with formatDuration', () => {
    for (const s of [0, 60, 59 * 60, 3600, 5400, 86400 + 120]) {
      expect(parseDuration(formatDuration(s))).toBe(s)
    }
  })
})

describe('formatDurationWords', () => {
  it.each([
    [8 * 3600, '8 h 00 min'],
    [8 * 60, '8 min'],
    [27000, '7 h 30 min'],
    [0, '0 min'],
    [5415, '1 h 30 min 15 s'],
  ])('writes %i seconds as %j', (seconds, words) => {
    expect(formatDurationWords(seconds)).toBe(words)
  })
})

describe('readDurationEntry', () => {
  it('previews what will be logged, by the entry unit', () => {
    expect(readDurationEntry('8', 'hours')).toEqual({ seconds: 28800, preview: '8 → 8 h 00 min', error: '' })
    expect(readDurationEntry('8', 'minutes')).toEqual({ seconds: 480, preview: '8 → 8 min', error: '' })
    expect(readDurationEntry(' 7h30 ')).toEqual({ seconds: 27000, preview: '7h30 → 7 h 30 min', error: '' })
  })
  it('is empty, without an error, while nothing is typed', () => {
    expect(readDurationEntry('  ')).toEqual({ seconds: null, preview: '', error: '' })
  })
  it('refuses nonsense with the forms it takes', () => {
    expect(readDurationEntry('abc')).toEqual({
      seconds: null,
      preview: '',
      error: 'Enter a duration such as 7:30, 7h30, 7.5h or 450m.',
    })
  })
  it('refuses more than 24 hours in one log, saying what was read', () => {
    expect(readDurationEntry('24:00').seconds).toBe(MAX_DURATION_SECONDS)
    expect(readDurationEntry('25:00')).toEqual({
      seconds: null,
      preview: '25:00 → 25 h 00 min',
      error: 'At most 24 h in one log.',
    })
    expect(readDurationEntry('1500')).toEqual({
      seconds: null,
      preview: '1500 → 25 h 00 min',
      error: 'At most 24 h in one log.',
    })
  })
})

describe('numbers', () => {
  it('keeps at most the tracker decimals and drops trailing zeros', () => {
    expect(formatNumber(72.456, 1)).toBe('72.5')
    expect(formatNumber(72, 2)).toBe('72')
    expect(formatNumber(1234.5, 0)).toBe('1,235')
  })
  it('parses a typed number, with a decimal comma too', () => {
    expect(parseNumber('72,5')).toBe(72.5)
    expect(parseNumber(' -3 ')).toBe(-3)
    expect(parseNumber('.5')).toBe(0.5)
    expect(parseNumber('')).toBeNull()
    expect(parseNumber('7 kg')).toBeNull()
    expect(parseNumber('1e400')).toBeNull()
  })
})

describe('formatValue', () => {
  it('numeric: decimals and unit', () => {
    expect(formatValue({ type: 'numeric', unit: 'kg', options: { decimals: 1 } }, 72.25)).toBe('72.3 kg')
    expect(formatValue({ type: 'numeric', unit: '', options: {} }, 3)).toBe('3')
  })
  it('numeric: the unit in the singular after exactly one, as shown', () => {
    const water = { type: 'numeric' as const, unit: 'glasses', options: { decimals: 0 } }
    expect(formatValue(water, 1)).toBe('1 glass')
    expect(formatValue(water, 2)).toBe('2 glasses')
    expect(formatValue(water, 1.2)).toBe('1 glass') // shown rounded to 1
    expect(formatValue({ type: 'numeric', unit: 'cups', options: { decimals: 1 } }, 1.2)).toBe('1.2 cups')
    expect(formatValue({ type: 'numeric', unit: 'km', options: {} }, 1)).toBe('1 km')
    expect(formatValue({ type: 'numeric', unit: 'km', options: {} }, 2)).toBe('2 km')
  })
  it('duration as h:mm', () => {
    expect(formatValue({ type: 'duration' }, 27000)).toBe('7:30')
  })
  it('rating as n/scale, with the label when given', () => {
    expect(formatValue({ type: 'rating', options: { scale: 5 } }, 4)).toBe('4/5')
    expect(formatRating(2, { scale: 3, labels: ['bad', 'ok', 'good'] })).toBe('2/3 · ok')
    expect(formatRating(3, { scale: 10 })).toBe('3/10')
  })
  it('boolean as Yes/No', () => {
    expect(formatValue({ type: 'boolean' }, true)).toBe('Yes')
    expect(formatValue({ type: 'boolean' }, false)).toBe('No')
  })
  it('choice as its label, a choice id mapped to the label', () => {
    const choices = [
      { id: 0, label: 'bad' },
      { id: 3, label: 'ok' },
    ]
    expect(formatValue({ type: 'choice', options: { choices } }, 'ok')).toBe('ok')
    expect(choiceLabel(3, { choices })).toBe('ok') // a choice id, not a place
  })
  it('text as is, and a dash for no value', () => {
    expect(formatValue({ type: 'text' }, 'Read on the train')).toBe('Read on the train')
    expect(formatValue({ type: 'text' }, null)).toBe('—')
  })
})

describe('period values and targets', () => {
  it('reads each type period value in its own terms', () => {
    expect(formatPeriodValue({ type: 'numeric', unit: 'glasses', options: { decimals: 0 } }, 6)).toBe('6 glasses')
    expect(formatPeriodValue({ type: 'duration' }, 3600)).toBe('1:00')
    expect(formatPeriodValue({ type: 'boolean' }, 1)).toBe('1× yes')
    expect(formatPeriodValue({ type: 'rating', options: { scale: 5 } }, 3.25)).toBe('3.3/5')
    expect(formatPeriodValue({ type: 'choice' }, 1)).toBe('1 log')
    expect(formatPeriodValue({ type: 'text' }, 2)).toBe('2 logs')
  })
  it('describes a target with its period', () => {
    const water = { type: 'numeric' as const, unit: 'glasses', options: { decimals: 0 }, frequency: 'daily' as const }
    expect(describeTarget(water, { op: 'at_least', value: 8 })).toBe('At least 8 glasses a day')
    expect(describeTarget({ type: 'boolean', frequency: 'weekly' }, { op: 'at_most', value: 2 })).toBe(
      'At most 2× yes a week',
    )
    expect(describeTarget(water, null)).toBe('No target')
  })
  it('reads a target of one in the singular, and the progress towards it', () => {
    const water = { type: 'numeric' as const, unit: 'glasses', options: { decimals: 0 }, frequency: 'daily' as const }
    expect(describeTarget(water, { op: 'at_least', value: 1 })).toBe('At least 1 glass a day')
    expect(formatProgress(water, 0, 1)).toBe('0 / 1 glass')
    expect(formatProgress(water, 1, 8)).toBe('1 / 8 glasses')
  })
})

describe('goals with an aggregate and a period', () => {
  const weight = {
    type: 'numeric' as const,
    unit: 'kg',
    options: { decimals: 1 },
    frequency: 'daily' as const,
    target: { op: 'at_most' as const, value: 80, aggregate: 'average' as const, period: 'weekly' as const },
  }
  it('names the aggregate and the period', () => {
    expect(describeTarget(weight, weight.target)).toBe('At most 80 kg on average a week')
    expect(shortTarget(weight, weight.target)).toBe('≤ 80 kg avg a week')
    expect(formatProgress(weight, 78.3, 80)).toBe('78.3 / 80 kg average')
    const run = { type: 'boolean' as const, frequency: 'daily' as const }
    const threeAWeek = { op: 'at_least' as const, value: 3, aggregate: 'sum' as const, period: 'weekly' as const }
    expect(describeTarget(run, threeAWeek)).toBe('At least 3× yes a week')
    expect(formatProgress({ ...run, target: threeAWeek }, 1, 3)).toBe('1 / 3 yes')
  })
  it('reads a total or a count as it did, and the default aggregate per type', () => {
    const water = { type: 'numeric' as const, unit: 'glasses', options: { decimals: 0 }, frequency: 'daily' as const }
    expect(shortTarget(water, { op: 'at_least', value: 8, aggregate: 'sum', period: 'daily' })).toBe('≥ 8 glasses')
    expect(goalAggregate({ type: 'rating' })).toBe('average')
    expect(goalAggregate({ type: 'choice' })).toBe('count')
    expect(goalPeriod({ ...weight, target: null })).toBe('daily')
    expect(goalPeriod(weight)).toBe('weekly')
    const pulse = { ...water, unit: 'bpm', target: { op: 'at_most' as const, value: 60, aggregate: 'max' as const } }
    expect(describeTarget(pulse, pulse.target)).toBe('At most 60 bpm (the highest) a day')
    expect(periodValueAddsUp(pulse)).toBe(false)
    expect(periodValueAddsUp(water)).toBe(true)
  })
  it('reads a mean of periods with a decimal', () => {
    expect(formatPeriodValue({ type: 'boolean' }, 2.5)).toBe('2.5× yes')
    expect(formatPeriodValue({ type: 'text' }, 1.5)).toBe('1.5 logs')
  })
})

describe('formatElapsed', () => {
  it('reads like a stopwatch: m:ss under an hour, h:mm:ss after', () => {
    expect(formatElapsed(0)).toBe('0:00')
    expect(formatElapsed(7.9)).toBe('0:07')
    expect(formatElapsed(725)).toBe('12:05')
    expect(formatElapsed(3723)).toBe('1:02:03')
    expect(formatElapsed(-5)).toBe('0:00')
  })
})

describe('describeReminderSchedule', () => {
  it('names the times, and the days unless every day', () => {
    expect(describeReminderSchedule(null)).toBe('')
    expect(describeReminderSchedule({ times: ['08:00', '20:00'] })).toBe('08:00 · 20:00')
    expect(describeReminderSchedule({ times: ['07:30'], days: ['mon', 'tue', 'wed', 'thu', 'fri'] })).toBe(
      '07:30, weekdays',
    )
    expect(describeReminderSchedule({ times: ['10:00'], days: ['sat', 'sun'] })).toBe('10:00, weekends')
    expect(describeReminderSchedule({ times: ['18:00'], days: ['mon', 'wed', 'fri'] })).toBe('18:00, Mon Wed Fri')
  })
})
