// Short messages at the bottom of the screen, some with an action (Undo).
import { reactive } from 'vue'

export interface Toast {
  id: number
  message: string
  kind: 'info' | 'success' | 'error'
  actionLabel?: string
  action?: () => unknown
}

const toasts = reactive<Toast[]>([])
const timers = new Map<number, ReturnType<typeof setTimeout>>()
let nextId = 1

function dismiss(id: number): void {
  const i = toasts.findIndex((t) => t.id === id)
  if (i >= 0) toasts.splice(i, 1)
  const timer = timers.get(id)
  if (timer) clearTimeout(timer)
  timers.delete(id)
}

function show(message: string, opts: Partial<Omit<Toast, 'id' | 'message'>> & { timeout?: number } = {}): number {
  const id = nextId++
  toasts.push({ id, message, kind: opts.kind ?? 'info', actionLabel: opts.actionLabel, action: opts.action })
  // One message at a time, like a phone's snackbar: the newest replaces the rest.
  while (toasts.length > 1) dismiss(toasts[0].id)
  const timeout = opts.timeout ?? (opts.action ? 8000 : 4000)
  if (timeout > 0)
    timers.set(
      id,
      setTimeout(() => dismiss(id), timeout),
    )
  return id
}

export function useToast() {
  return { toasts, show, dismiss }
}
