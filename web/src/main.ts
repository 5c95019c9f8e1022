import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router, isNavigating } from './router'
import { setUnauthorizedHandler } from './api'
import { signedOutReason, useSessionStore } from './stores/session'
import { useTrackersStore } from './stores/trackers'
import { registerServiceWorker } from './serviceWorker'
import { outbox } from './offline'
import { listenToWorker } from './push/messages'
import './styles/main.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(router)

// A 401 anywhere: forget the session, go to login (which says why, when the
// server told), and come back afterwards.
setUnauthorizedHandler((error) => {
  useSessionStore(pinia).forget(signedOutReason(error.reason))
  useTrackersStore(pinia).reset()
  if (isNavigating()) return // the route guard is redirecting already
  const current = router.currentRoute.value
  if (current.meta.guest) return
  void router.push({ name: 'login', query: current.fullPath === '/' ? {} : { next: current.fullPath } })
})

app.mount('#app')

// Logs saved offline are sent when the connection may be back (online, focus, every 30 s while some wait).
outbox.sendWhenOnline(window)

// A notification's button logged a value (lists load again) or queued it (sent from here); a click opens a page.
if ('serviceWorker' in navigator) {
  listenToWorker(navigator.serviceWorker, {
    added: (log) => outbox.addedElsewhere(log),
    queued: () => void outbox.load().then(() => outbox.flush().catch(() => undefined)),
    open: (url) => void router.push(url),
  })
}

// Only built apps work offline: in development a worker would serve stale files.
if (import.meta.env.PROD) registerServiceWorker(router)
