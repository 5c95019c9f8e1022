// Registers the service worker (sw.js, built by vite-plugin-pwa: see
// vite.config.ts) that keeps the app shell, every route's chunk included, so
// the app opens and moves between pages with no network.
//
// A new deploy's worker takes over at once and drops the old files. A page
// still running the old version would then ask for chunks that exist nowhere,
// so once another worker takes control, the page's next navigation is a full
// page load (the new index.html and its files), never a mix of the two.
import type { Router } from 'vue-router'

/** What this module uses of `navigator.serviceWorker` (a fake in the spec). */
export type WorkerContainer = Pick<ServiceWorkerContainer, 'controller' | 'register' | 'addEventListener'>

export interface ServiceWorkerOptions {
  container?: WorkerContainer
  /** A full page load of a path of the app. */
  load?: (path: string) => void
}

export function registerServiceWorker(router: Router, options: ServiceWorkerOptions = {}): void {
  const container = options.container ?? ('serviceWorker' in navigator ? navigator.serviceWorker : undefined)
  if (!container) return
  const load = options.load ?? ((path: string) => window.location.assign(path))

  // The first worker to control a page runs the page's own version; any later one is a new deploy.
  let controlled = container.controller !== null
  let replaced = false
  container.addEventListener('controllerchange', () => {
    if (controlled) replaced = true
    controlled = true
  })

  router.beforeEach((to) => {
    if (!replaced) return true
    load(to.fullPath)
    return false
  })
  // A lazy part that is not a route (a dialog) failed after an update: the page is stale, so load it again.
  window.addEventListener('vite:preloadError', (event) => {
    if (!replaced) return
    event.preventDefault()
    load(router.currentRoute.value.fullPath)
  })

  const register = async () => {
    try {
      const registration = await container.register(`${import.meta.env.BASE_URL}sw.js`, {
        scope: import.meta.env.BASE_URL,
        updateViaCache: 'none',
      })
      // An installed app can stay open for days: look for a new deploy whenever it comes back into view.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {})
      })
    } catch {
      // No worker (a private window, an insecure origin): the app works online as before.
    }
  }
  // After the page has loaded, so precaching never competes with the first paint.
  if (document.readyState === 'complete') void register()
  else window.addEventListener('load', () => void register(), { once: true })
}
