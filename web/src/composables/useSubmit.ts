// A form's sending state, the same in every form: `busy` while the request is out,
// `fields` (the browser's own checks, then the API's `error.fields`, by field name)
// and one `message` for the rest. Pair it with FormField, which shows `fields[name]`.
import { ref } from 'vue'
import { errorMessage, isApiError } from '@/api'
import { sentence } from '@/utils/password'

export interface SubmitSetup {
  /** The API's field messages as sentences: "must not be empty" → "Must not be empty." */
  sentences?: boolean
  /**
   * The fields the form shows. Given, a failure that names one of them shows beside it alone (the
   * message would only say it again), and one that names none of them shows the message. Without
   * it, a failure shows the API's fields and its message both.
   */
  shows?: readonly string[]
}

export interface SubmitOptions {
  /** Field errors found before sending ("Enter your email."); any of them stops the submit. */
  errors?: Record<string, string>
  /** The message shown when `errors` stopped the submit ("Some fields need a look."); none without it. */
  errorsMessage?: string
  /**
   * What a failure shows, instead of showError(e) (the API's fields and errorMessage(e), as set up).
   * It may set `fields` and `message`, or call showError for the failures it leaves to the default.
   */
  onError?: (e: unknown) => void
}

export function useSubmit(setup: SubmitSetup = {}) {
  const busy = ref(false)
  const fields = ref<Record<string, string>>({})
  const message = ref('')

  function apiFields(e: unknown): Record<string, string> {
    if (!isApiError(e)) return {}
    const out: Record<string, string> = {}
    for (const [name, text] of Object.entries(e.fields)) {
      if (!setup.shows || setup.shows.includes(name)) out[name] = setup.sentences ? sentence(text) : text
    }
    return out
  }

  /** The default way a failure shows: the API's fields, and the message (see `shows`). */
  function showError(e: unknown): void {
    fields.value = apiFields(e)
    message.value = setup.shows && Object.keys(fields.value).length ? '' : errorMessage(e)
  }

  /** Clears the last errors, then runs `action` unless `errors` has any; true when it succeeded. */
  async function submit(
    action: () => Promise<unknown>,
    { errors = {}, errorsMessage = '', onError = showError }: SubmitOptions = {},
  ): Promise<boolean> {
    fields.value = { ...errors }
    message.value = ''
    if (Object.keys(errors).length) {
      message.value = errorsMessage
      return false
    }
    busy.value = true
    try {
      await action()
      return true
    } catch (e) {
      onError(e)
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, fields, message, submit, showError }
}
