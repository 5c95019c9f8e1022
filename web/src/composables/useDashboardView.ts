// How the dashboard shows trackers, cards or a compact list, remembered on this
// device (localStorage): a phone may want the list while a desktop keeps cards.
import { ref, watch } from 'vue'

export type DashboardView = 'cards' | 'list'

export const DASHBOARD_VIEW_KEY = 'qself.dashboard.view'

function read(): DashboardView {
  try {
    return globalThis.localStorage?.getItem(DASHBOARD_VIEW_KEY) === 'list' ? 'list' : 'cards'
  } catch {
    return 'cards'
  }
}

export function useDashboardView() {
  const view = ref<DashboardView>(read())
  watch(view, (v) => {
    try {
      globalThis.localStorage?.setItem(DASHBOARD_VIEW_KEY, v)
    } catch {
      // storage blocked: the choice holds for this visit
    }
  })
  return view
}
