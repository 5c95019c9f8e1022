import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api'
import { useSubmit } from './useSubmit'

describe('useSubmit', () => {
  it('is busy while the action runs, and says it succeeded', async () => {
    const form = useSubmit()
    let release!: () => void
    const sent = form.submit(() => new Promise<void>((resolve) => (release = resolve)))
    expect(form.busy.value).toBe(true)
    release()
    expect(await sent).toBe(true)
    expect(form.busy.value).toBe(false)
    expect(form.fields.value).toEqual({})
    expect(form.message.value).toBe('')
  })

  it('does not send when the browser found field errors, and shows them', async () => {
    const form = useSubmit()
    let sent = false
    const ok = await form.submit(async () => void (sent = true), { errors: { email: 'Enter your email.' } })
    expect(ok).toBe(false)
    expect(sent).toBe(false)
    expect(form.fields.value).toEqual({ email: 'Enter your email.' })
  })

  it('shows the API’s field errors and message, and clears them on the next try', async () => {
    const form = useSubmit()
    const refused = new ApiError(422, 'validation_failed', 'Some fields are not valid.', { email: 'is not valid' })
    expect(await form.submit(() => Promise.reject(refused))).toBe(false)
    expect(form.fields.value).toEqual({ email: 'is not valid' })
    expect(form.message.value).toBe('Some fields are not valid.')
    expect(form.busy.value).toBe(false)
    await form.submit(() => Promise.resolve())
    expect(form.fields.value).toEqual({})
    expect(form.message.value).toBe('')
  })

  it('turns the API’s field messages into sentences when asked', async () => {
    const form = useSubmit({ sentences: true })
    const refused = new ApiError(422, 'validation_failed', 'Invalid.', { name: 'must not be empty' })
    await form.submit(() => Promise.reject(refused))
    expect(form.fields.value).toEqual({ name: 'Must not be empty.' })
  })

  it('leaves a failure to the caller’s onError', async () => {
    const form = useSubmit()
    let seen: unknown = null
    await form.submit(() => Promise.reject(new Error('boom')), { onError: (e) => (seen = e) })
    expect((seen as Error).message).toBe('boom')
    expect(form.message.value).toBe('')
  })

  it('lets onError leave the failures it does not handle to showError', async () => {
    const form = useSubmit()
    let special = ''
    const onError = (e: unknown) =>
      e instanceof ApiError && e.status === 429 ? (special = e.message) : form.showError(e)
    await form.submit(() => Promise.reject(new ApiError(429, 'rate_limited', 'Slow down.', {})), { onError })
    expect(special).toBe('Slow down.')
    expect(form.message.value).toBe('')
    await form.submit(() => Promise.reject(new ApiError(500, 'internal', 'Broken.', {})), { onError })
    expect(form.message.value).toBe('Broken.')
  })

  it('shows a message of its own with the browser’s field errors when asked', async () => {
    const form = useSubmit()
    await form.submit(() => Promise.resolve(), {
      errors: { name: 'Enter a name.' },
      errorsMessage: 'Some fields need a look.',
    })
    expect(form.fields.value).toEqual({ name: 'Enter a name.' })
    expect(form.message.value).toBe('Some fields need a look.')
  })

  describe('with the fields a form shows', () => {
    const form = useSubmit({ sentences: true, shows: ['email'] })

    it('shows a failure naming one of them beside it alone', async () => {
      const refused = new ApiError(422, 'validation_failed', 'Invalid.', { email: 'is not valid', other: 'is odd' })
      await form.submit(() => Promise.reject(refused))
      expect(form.fields.value).toEqual({ email: 'Is not valid.' })
      expect(form.message.value).toBe('')
    })

    it('shows the message for a failure naming none of them', async () => {
      const refused = new ApiError(422, 'validation_failed', 'Invalid.', { other: 'is odd' })
      await form.submit(() => Promise.reject(refused))
      expect(form.fields.value).toEqual({})
      expect(form.message.value).toBe('Invalid.')
      await form.submit(() => Promise.reject(new Error('offline')))
      expect(form.message.value).toBe('offline')
    })
  })
})
