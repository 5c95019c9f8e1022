// A form's sending state, the same in every form: `busy` while the request is out,
// `fields` (the browser's own checks, then the API's `error.fields`, by field name)
// and one `message` for the rest. Pair it with FormField, which shows `fields[name]`.
import { ref } from 'vue'
import { errorMessage, isApiError } from '@/api'
import { sentence } from '@/utils/password'

export interface SubmitOptions {
  /** Field errors found before sending ("Enter your email."); any of them stops the submit. */
  errors?: Record<string, string>
  /**
   * What a failure shows, instead of the default: the API's fields (as sentences with
   * `useSubmit({ sentences: true })`) and errorMessage(e). It may set `fields` and `message`.
   */
  onError?: (e: unknown) => void
}

export function useSubmit(options: { sentences?: boolean } = {}) {
  const busy = ref(false)
  const fields = ref<Record<string, string>>({})
  const message = ref('')

  function apiFields(e: unknown): Record<string, string> {
    if (!isApiError(e)) return {}
    const out: Record<string, string> = {}
    for (const [name, text] of Object.entries(e.fields)) out[name] = options.sentences ? sentence(text) : text
    return out
  }

  /** Clears the last errors, then runs `action` unless `errors` has any; true when it succeeded. */
  async function submit(
    action: () => Promise<unknown>,
    { errors = {}, onError }: SubmitOptions = {},
  ): Promise<boolean> {
    fields.value = { ...errors }
    message.value = ''
    if (Object.keys(errors).length) return false
    busy.value = true
    try {
      await action()
      return true
    } catch (e) {
      if (onError) {
        onError(e)
      } else {
        fields.value = apiFields(e)
        message.value = errorMessage(e)
      }
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, fields, message, submit, apiFields }
}
