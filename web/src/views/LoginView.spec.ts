// The login page says why this browser was signed out when the server told:
// another device (or a reset link) changed the password.
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { ApiError } from '@/api'
import { useSessionStore } from '@/stores/session'
import LoginView from './LoginView.vue'

const Blank = { template: '<p />' }

async function mountLogin(query: Record<string, string> = {}) {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', name: 'login', component: LoginView },
      { path: '/forgot-password', name: 'forgot-password', component: Blank },
      { path: '/register', name: 'register', component: Blank },
      { path: '/verify', name: 'verify', component: Blank },
    ],
  })
  await router.push({ name: 'login', query })
  return mount(LoginView, { global: { plugins: [router] } })
}

describe('LoginView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
  })

  it('says the password was changed when that ended the session', async () => {
    useSessionStore().forget('password_changed')
    const w = await mountLogin({ next: '/trackers/1' })
    expect(w.get('[role="status"]').text()).toBe(
      'You were signed out because your password was changed. Log in with the new one.',
    )
    expect(w.text()).not.toContain('Please log in to continue.')
  })

  it('says only "log in to continue" when the session ended otherwise', async () => {
    useSessionStore().forget()
    const w = await mountLogin({ next: '/trackers/1' })
    expect(w.text()).not.toContain('password was changed')
    expect(w.text()).toContain('Please log in to continue.')
  })

  it('says how long to wait when failed logins were answered 429', async () => {
    const session = useSessionStore()
    vi.spyOn(session, 'login').mockRejectedValue(
      new ApiError(429, 'rate_limited', 'Too many failed logins; try again later.', {}, 'req-1', 90),
    )
    const w = await mountLogin()
    await w.get('#login-email').setValue('ada@example.org')
    await w.get('#login-password').setValue('a guess')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[role="alert"]').text()).toBe(
      'Too many failed logins; try again later. You can try again in 2 minutes.',
    )
  })

  // An account whose address is not confirmed yet answers as a wrong password does (docs/security.md).
  it('after a 401, points whoever just signed up to the emailed link and to sending it again', async () => {
    const session = useSessionStore()
    vi.spyOn(session, 'login').mockRejectedValue(new ApiError(401, 'unauthorized', 'Wrong email or password.', {}))
    const w = await mountLogin()
    await w.get('#login-email').setValue('ada@example.org')
    await w.get('#login-password').setValue('correct horse battery')
    await w.get('form').trigger('submit')
    await flushPromises()
    const alert = w.get('[role="alert"]')
    expect(alert.text()).toContain('Wrong email or password.')
    expect(alert.text()).toContain('Just signed up? Open the link we emailed you first — or send it again.')
    expect(alert.get('a').attributes('href')).toBe('/verify?email=ada@example.org')
  })
})
