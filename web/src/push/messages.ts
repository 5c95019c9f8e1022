// What the service worker tells the pages of the app, and how a page listens:
// a log a notification's button added (lists load again) or queued (the
// outbox reads it and sends it), and "open this page" after a click on a
// notification (the router goes there, no page load).

export type WorkerMessage =
  | { type: 'qself:log-added'; tracker_id: number; uid: string }
  | { type: 'qself:log-queued'; tracker_id: number; uid: string }
  | { type: 'qself:open'; url: string }

export interface WorkerListeners {
  added(log: { tracker_id: number; uid: string }): void
  queued(): void
  open(url: string): void
}

function isMessage(data: unknown): data is WorkerMessage {
  return !!data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string'
}

/** Listens on `container` (navigator.serviceWorker) for the worker's messages; returns a function that stops. */
export function listenToWorker(
  container: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>,
  on: WorkerListeners,
) {
  const handle = (event: Event) => {
    const data = (event as MessageEvent).data
    if (!isMessage(data)) return
    if (data.type === 'qself:log-added') on.added({ tracker_id: data.tracker_id, uid: data.uid })
    else if (data.type === 'qself:log-queued') on.queued()
    else if (data.type === 'qself:open' && data.url.startsWith('/') && !data.url.startsWith('//')) on.open(data.url)
  }
  container.addEventListener('message', handle)
  return () => container.removeEventListener('message', handle)
}
