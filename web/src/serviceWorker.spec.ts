import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { registerServiceWorker, type WorkerContainer } from './serviceWorker'

const page = { render: () => null }

async function setUp({ controlled }: { controlled: boolean }) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: page },
      { path: '/settings', component: page },
      { path: '/trackers/:id', component: page },
    ],
  })
  await router.push('/')
  const events = new EventTarget()
  const update = vi.fn(() => Promise.resolve())
  const register = vi.fn(() => Promise.resolve({ update } as unknown as ServiceWorkerRegistration))
  const container = {
    controller: controlled ? ({} as ServiceWorker) : null,
    register,
    addEventListener: events.addEventListener.bind(events),
  } as unknown as WorkerContainer
  const load = vi.fn()
  registerServiceWorker(router, { container, load })
  const takeOver = () => events.dispatchEvent(new Event('controllerchange'))
  return { router, register, update, load, takeOver }
}

describe('registerServiceWorker', () => {
  it('registers sw.js for the whole app once the page has loaded', async () => {
    const { register } = await setUp({ controlled: false })
    await vi.waitFor(() => expect(register).toHaveBeenCalled())
    expect(register).toHaveBeenCalledWith('/sw.js', { scope: '/', updateViaCache: 'none' })
  })

  it('navigates in the page while the worker that took over first is in control', async () => {
    const { router, load, takeOver } = await setUp({ controlled: false })
    takeOver() // the first install claims the page: same version as the page
    await router.push('/settings')
    expect(router.currentRoute.value.fullPath).toBe('/settings')
    expect(load).not.toHaveBeenCalled()
  })

  it('loads the next page in full once a new deploy took over', async () => {
    const { router, load, takeOver } = await setUp({ controlled: true })
    await router.push('/settings')
    expect(load).not.toHaveBeenCalled()

    takeOver()
    await router.push('/trackers/3?range=30d')
    expect(load).toHaveBeenCalledWith('/trackers/3?range=30d')
    expect(router.currentRoute.value.fullPath).toBe('/settings')
  })

  it('counts a second take-over after the first install as a new deploy', async () => {
    const { router, load, takeOver } = await setUp({ controlled: false })
    takeOver()
    takeOver()
    await router.push('/settings')
    expect(load).toHaveBeenCalledWith('/settings')
  })

  it('looks for a new deploy when the app comes back into view', async () => {
    const { register, update } = await setUp({ controlled: true })
    await vi.waitFor(() => expect(register).toHaveBeenCalled())
    await Promise.resolve()
    document.dispatchEvent(new Event('visibilitychange'))
    expect(update).toHaveBeenCalled()
  })
})
