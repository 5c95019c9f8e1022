// Creating a tracker the server refuses for a reason of the account, not of a
// field (the 200 trackers an account may hold): the form shows the server's
// words, with the app's API client and a scripted server at the fetch boundary.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import TrackerEditView from './TrackerEditView.vue'

const Blank = { template: '<p />' }
const kTooMany =
  'An account can have at most 200 trackers, archived ones included; delete one you no longer need to add another.'

let sent: { method: string; url: string }[] = []

beforeEach(() => {
  setActivePinia(createPinia())
  sent = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    sent.push({ method: init.method ?? 'GET', url })
    const body = { error: { code: 'too_many_trackers', message: kTooMany }, request_id: '5f2c9a1e0b7d4c38' }
    return new Response(JSON.stringify(body), { status: 409, headers: { 'Content-Type': 'application/json' } })
  })
})

afterEach(() => {
  vi.unstubAllGlobals()
})

async function mountNew() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', name: 'dashboard', component: Blank },
      { path: '/trackers/new', name: 'tracker-new', component: TrackerEditView },
      { path: '/trackers/:id', name: 'tracker', component: Blank },
    ],
  })
  await router.push('/trackers/new')
  return mount(TrackerEditView, { global: { plugins: [router] } })
}

describe('TrackerEditView: a new tracker the server refuses', () => {
  it('shows why when the account already has the most trackers it may hold', async () => {
    const w = await mountNew()
    await w.get('input[id$="-name"]').setValue('Water')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(sent).toEqual([{ method: 'POST', url: '/api/v1/trackers' }])
    expect(w.get('[role="alert"]').text()).toBe(kTooMany)
    expect(w.text()).toContain('Create tracker')
  })
})
