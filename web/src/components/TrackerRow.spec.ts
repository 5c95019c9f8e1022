import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Tracker, TrackerOptions, TrackerSummary, TrackerType } from '@/api/types'
import { forgetTimerStates, type SaveTimedLog } from '@/composables/useDurationTimer'
import { trackerFixture } from '@/testing/trackers'
import TrackerRow from './TrackerRow.vue'

function tracker(type: TrackerType, options: TrackerOptions = {}, extra: Partial<Tracker> = {}): Tracker {
  return trackerFixture(type, options, { id: 3, ...extra })
}

function summary(value: number | null, done: boolean, last: TrackerSummary['last'] = null): TrackerSummary {
  return {
    last,
    period: { start: '', end: '', count: 1, value, status: done ? 'met' : 'not_yet', done },
    current_streak: done ? 2 : 0,
    best_streak: 2,
    trend: [],
  }
}

const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/:p(.*)*', component: { render: () => null } }],
})

function mountRow(t: Tracker, saveTimer: SaveTimedLog = async () => undefined) {
  return mount(TrackerRow, {
    props: { tracker: t, tz: 'UTC', saveTimer },
    global: { plugins: [router] },
    attachTo: document.body,
  })
}

describe('TrackerRow', () => {
  beforeEach(() => {
    localStorage.clear()
    forgetTimerStates()
  })

  it('names the tracker, links to its page and says where it stands against its goal', () => {
    const w = mountRow(
      tracker(
        'numeric',
        { decimals: 0 },
        {
          name: 'Water',
          unit: 'glasses',
          target: { op: 'at_least', value: 8, aggregate: 'sum', period: null },
          summary: summary(3, false),
        },
      ),
    )
    expect(w.get('article').attributes('aria-labelledby')).toBe(w.get('h2').attributes('id'))
    expect(w.get('h2 a').attributes('href')).toBe('/trackers/3')
    expect(w.get('.tstatus').text()).toBe('3 / 8 glasses today')
    expect(w.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('38')
  })

  it('yes/no: one tap on Yes logs true; a done row says so, with its streak', async () => {
    const w = mountRow(tracker('boolean', {}, { name: 'Meds', summary: summary(1, true) }))
    await w.get('[aria-label="Log yes for Meds"]').trigger('click')
    expect(w.emitted('log')).toEqual([[true, {}]])
    expect(w.get('.tstatus').text()).toBe('Done today, streak 2')
  })

  it('whole-number counters: one tap on +1', async () => {
    const w = mountRow(tracker('numeric', { decimals: 0 }))
    await w.get('[aria-label="Add 1 to T"]').trigger('click')
    expect(w.emitted('log')).toEqual([[1, {}]])
  })

  it('other types: "Log" opens the whole quick log, with its note, and closes after logging', async () => {
    const w = mountRow(tracker('rating', { scale: 5 }, { name: 'Energy' }))
    const open = w.get('.rbtn-more')
    expect(open.text()).toBe('Log')
    expect(open.attributes('aria-expanded')).toBe('false')
    const more = w.get(`#${open.attributes('aria-controls')}`)
    expect(more.isVisible()).toBe(false)
    await open.trigger('click')
    expect(open.attributes('aria-expanded')).toBe('true')
    await more.get('button[aria-expanded]').trigger('click') // Add note
    await more.get('input').setValue('late')
    await more.get('[aria-label="Rate Energy 4 of 5"]').trigger('click')
    expect(w.emitted('log')).toEqual([[4, { note: 'late' }]])
    expect(open.attributes('aria-expanded')).toBe('false')
  })

  it('duration: Start in the row, then the time and Stop; a failed stop shows why in the row', async () => {
    let fail = true
    const saved: number[] = []
    const w = mountRow(tracker('duration', {}, { name: 'Reading' }), async (seconds) => {
      if (fail) throw new Error('The connection failed.')
      saved.push(seconds)
    })
    await w.get('[aria-label="Start timer for Reading"]').trigger('click')
    expect(w.get('[role="timer"]').text()).toBe('0:00')
    expect(w.find('.rbtn-more').exists()).toBe(false) // the row holds the timer alone
    expect(w.get('.tstatus').text()).toMatch(/^Since \d/)
    await w.get('[aria-label="Stop timer for Reading and log it"]').trigger('click')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe('Not logged: The connection failed. The timer keeps running.')
    expect(w.find('[role="timer"]').exists()).toBe(true)
    fail = false
    await w.get('[aria-label="Stop timer for Reading and log it"]').trigger('click')
    await flushPromises()
    expect(saved).toHaveLength(1)
    expect(w.find('[role="alert"]').exists()).toBe(false)
    expect(w.find('[aria-label="Start timer for Reading"]').exists()).toBe(true)
  })
})
