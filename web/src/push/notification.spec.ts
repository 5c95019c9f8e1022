// What a push message shows, and what a click on it asks for.
import { describe, expect, it } from 'vitest'
import { actionsFor, notificationFor, openUrl, parseAction, readPayload, type PushPayload } from './notification'

const yesNo: PushPayload = {
  v: 1,
  kind: 'reminder',
  title: 'Time to log',
  body: 'Meditated',
  tag: 'qself-reminder-2026-12-05T08:00',
  url: '/trackers/12',
  token: 'pa_1',
  trackers: [{ id: 12, name: 'Meditated', type: 'boolean', actions: [{ title: 'Yes', value: true }] }],
}
const rating = (n: number): PushPayload => ({
  ...yesNo,
  body: 'Mood',
  url: '/trackers/7',
  trackers: [
    {
      id: 7,
      name: 'Mood',
      type: 'rating',
      actions: Array.from({ length: n }, (_, i) => ({ title: String(i + 1), value: i + 1 })),
    },
  ],
})

describe('actionsFor', () => {
  it("puts a lone tracker's values before Log… when they all fit", () => {
    expect(actionsFor(yesNo, 2)).toEqual([
      { action: 'log:0', title: 'Yes' },
      { action: 'open', title: 'Log…' },
    ])
    expect(actionsFor(rating(3), 4)!.map((a) => a.action)).toEqual(['log:0', 'log:1', 'log:2', 'open'])
  })

  it('shows Log… alone when the values and Log… do not fit (never a part of a scale)', () => {
    expect(actionsFor(rating(5), 2)).toEqual([{ action: 'open', title: 'Log…' }])
    expect(actionsFor(rating(3), 3)).toEqual([{ action: 'open', title: 'Log…' }])
  })

  it('offers no value for several trackers, nor without a token', () => {
    const two = { ...yesNo, trackers: [...yesNo.trackers!, { ...yesNo.trackers![0], id: 13, name: 'Water' }] }
    expect(actionsFor(two, 4)).toEqual([{ action: 'open', title: 'Log…' }])
    expect(actionsFor({ ...yesNo, token: undefined }, 4)).toEqual([{ action: 'open', title: 'Log…' }])
  })

  it('has no button for a message about no tracker (a test), nor where the browser allows none', () => {
    expect(actionsFor({ ...yesNo, kind: 'test', trackers: [] }, 2)).toEqual([])
    expect(actionsFor(yesNo, 0)).toEqual([])
  })
})

describe('notificationFor', () => {
  it('shows the title, body, tag, icon and badge, with the click data and the instant', () => {
    const { title, options } = notificationFor(yesNo, 2, 1234)
    expect(title).toBe('Time to log')
    expect(options).toMatchObject({
      body: 'Meditated',
      tag: 'qself-reminder-2026-12-05T08:00',
      icon: '/icon-192.png',
      badge: '/badge-96.png',
      timestamp: 1234,
      data: { url: '/trackers/12', token: 'pa_1', trackers: yesNo.trackers },
    })
    expect(options.actions).toHaveLength(2)
  })
})

describe('readPayload', () => {
  it('keeps what is well formed and drops the rest; a bad message still shows something', () => {
    expect(readPayload(null)).toMatchObject({ title: 'qself', body: '', trackers: [], kind: 'reminder' })
    const p = readPayload({
      ...yesNo,
      url: '//evil.example/',
      trackers: [{ id: 'x' }, { ...yesNo.trackers![0], actions: [{ title: 'Yes' }, { title: 'No', value: false }] }],
    })
    expect(p.url).toBeUndefined()
    expect(p.trackers).toEqual([
      { id: 12, name: 'Meditated', type: 'boolean', actions: [{ title: 'No', value: false }] },
    ])
  })
})

describe('parseAction and openUrl', () => {
  it('reads log:<i> as a value, anything else as opening the app', () => {
    expect(parseAction('log:0')).toEqual({ kind: 'log', index: 0 })
    expect(parseAction('log:10')).toEqual({ kind: 'log', index: 10 })
    for (const other of ['', 'open', 'log:', 'log:x', 'log:999', undefined, null]) {
      expect(parseAction(other)).toEqual({ kind: 'open' })
    }
  })

  it("opens a lone tracker's page with its log form, else the message's page", () => {
    expect(openUrl({ url: '/trackers/12', trackers: yesNo.trackers! })).toBe('/trackers/12?log=1')
    expect(openUrl({ url: '/', trackers: [] })).toBe('/')
    expect(openUrl({ url: '', trackers: [] })).toBe('/')
  })
})
