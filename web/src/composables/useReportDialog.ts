// Opens the "Email me a report" dialog, whose code is a separate chunk fetched
// on first use (or earlier, on hover or focus of the button, via `preload`).
import { ref, shallowRef, type Component } from 'vue'
import { errorMessage } from '@/api'
import { useToast } from './useToast'

let loading: Promise<Component> | null = null

function loadDialog(): Promise<Component> {
  loading ??= import('@/components/ReportDialog.vue').then(
    (m) => m.default,
    (e) => {
      loading = null // a later click tries again
      throw e
    },
  )
  return loading
}

export function useReportDialog() {
  const component = shallowRef<Component | null>(null)
  const open = ref(false)
  const toast = useToast()

  function preload(): void {
    loadDialog().catch(() => undefined)
  }

  async function show(): Promise<void> {
    try {
      component.value = await loadDialog()
      open.value = true
    } catch (e) {
      toast.show(`Could not open the report dialog: ${errorMessage(e)}`, { kind: 'error' })
    }
  }

  return { component, open, preload, show, close: () => (open.value = false) }
}
