import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { ApiError } from '@/api'
import type { Job } from '@/api/types'
import JobProgress from './JobProgress.vue'

function job(status: Job['status'], extra: Partial<Job> = {}): Job {
  return {
    id: 4,
    kind: 'report',
    status,
    progress: 0,
    attempts: 0,
    error: null,
    created_at: '2026-12-10T10:00:00Z',
    updated_at: '2026-12-10T10:00:00Z',
    ...extra,
  }
}

const titles = { starting: 'Starting…', queued: 'Queued', running: 'Working…', failed: 'It failed.', expired: 'Gone.' }

function show(props: Partial<InstanceType<typeof JobProgress>['$props']>, slots: Record<string, string> = {}) {
  return mount(JobProgress, {
    props: {
      job: null,
      finished: false,
      polling: false,
      pollError: null,
      titles,
      barLabel: (p: number) => `Report ${p}% built`,
      ...props,
    },
    slots,
  })
}

describe('JobProgress', () => {
  it('says it is starting before there is a job, with no bar', () => {
    const w = show({ job: null })
    expect(w.get('[role="status"]').text()).toBe('Starting…')
    expect(w.find('progress').exists()).toBe(false)
  })

  it('shows a queued job with the caller’s hint and a bar without a value', () => {
    const w = show({ job: job('queued') }, { queued: 'Waiting for a worker.' })
    const box = w.get('[role="status"]')
    expect(box.attributes('data-status')).toBe('queued')
    expect(box.text()).toContain('Queued')
    expect(box.text()).toContain('Waiting for a worker.')
    const bar = box.get('progress')
    expect(bar.attributes('value')).toBeUndefined()
    expect(bar.attributes('aria-label')).toBe('Waiting to start')
  })

  it('shows a running job’s progress in the title and the bar', () => {
    const w = show({ job: job('running', { progress: 40 }) })
    expect(w.get('.job-title').text()).toBe('Working… 40%')
    const bar = w.get('progress')
    expect(bar.attributes('value')).toBe('40')
    expect(bar.attributes('aria-label')).toBe('Report 40% built')
  })

  it('shows a finished job with the caller’s words and no bar', () => {
    const w = show({ job: job('done'), finished: true }, { 'done-title': 'Sent', done: '<p>Soon there.</p>' })
    expect(w.get('.job-title.ok').text()).toBe('Sent')
    expect(w.text()).toContain('Soon there.')
    expect(w.find('progress').exists()).toBe(false)
  })

  it('shows why a job failed, or that no reason was given', () => {
    expect(show({ job: job('failed', { error: 'SMTP refused' }), finished: true }).text()).toContain('SMTP refused')
    const w = show({ job: job('failed'), finished: true })
    expect(w.get('.job-title.bad').text()).toBe('It failed.')
    expect(w.text()).toContain('No reason was given.')
  })

  it('shows an expired job with its own title and status', () => {
    const w = show({ job: job('done'), finished: true, expired: true }, { expired: 'Start a new one.' })
    expect(w.get('[role="status"]').attributes('data-status')).toBe('expired')
    expect(w.text()).toContain('Gone.')
    expect(w.text()).toContain('Start a new one.')
    expect(w.find('.job-title.ok').exists()).toBe(false)
  })

  it('says when checking fails: trying again while polling, the error once it stopped', () => {
    const error = new ApiError(404, 'not_found', 'No such job.')
    expect(show({ job: job('running'), polling: true, pollError: error }).text()).toContain(
      'Cannot check on it right now; trying again…',
    )
    expect(
      show({ job: job('running'), polling: false, pollError: error })
        .get('.field-error')
        .text(),
    ).toBe('No such job.')
  })

  it('puts the bar inside its box, or below it', () => {
    const inside = show({ job: job('running'), pollError: new Error('x'), polling: true })
    expect(inside.get('[role="status"]').find('progress').exists()).toBe(true)
    expect(inside.get('[role="status"]').find('.field-error').exists()).toBe(true)
    const below = show({ job: job('running'), pollError: new Error('x'), polling: true, barBelow: true })
    expect(below.get('[role="status"]').find('progress').exists()).toBe(false)
    expect(below.find('progress').exists()).toBe(true)
    expect(below.get('[role="status"]').find('.field-error').exists()).toBe(false)
  })

  it('passes attributes to its box and can focus it', async () => {
    const w = mount(JobProgress, {
      props: { job: job('queued'), finished: false, polling: false, pollError: null, titles, barLabel: String },
      attrs: { tabindex: '-1' },
      attachTo: document.body,
    })
    const box = w.get('[role="status"]')
    expect(box.attributes('tabindex')).toBe('-1')
    ;(w.vm as unknown as { focus: () => void }).focus()
    expect(document.activeElement).toBe(box.element)
    w.unmount()
  })
})
