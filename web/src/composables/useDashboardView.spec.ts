import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { DASHBOARD_VIEW_KEY, useDashboardView } from './useDashboardView'

describe('useDashboardView', () => {
  beforeEach(() => localStorage.clear())

  it('starts with cards on a device that never chose', () => {
    expect(useDashboardView().value).toBe('cards')
  })

  it('remembers the choice on this device', async () => {
    const view = useDashboardView()
    view.value = 'list'
    await nextTick()
    expect(localStorage.getItem(DASHBOARD_VIEW_KEY)).toBe('list')
    expect(useDashboardView().value).toBe('list')
  })

  it('reads anything unknown as cards', () => {
    localStorage.setItem(DASHBOARD_VIEW_KEY, 'tiles')
    expect(useDashboardView().value).toBe('cards')
  })
})
