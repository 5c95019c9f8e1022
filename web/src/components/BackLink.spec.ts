import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import BackLink from './BackLink.vue'

describe('BackLink', () => {
  it('links back with an arrow before its words', async () => {
    const router = createRouter({
      history: createMemoryHistory(),
      routes: [{ path: '/', name: 'home', component: { render: () => null } }],
    })
    await router.push('/')
    const w = mount(BackLink, {
      props: { to: { name: 'home' } },
      slots: { default: 'All trackers' },
      global: { plugins: [router] },
    })
    const a = w.get('a')
    expect(a.attributes('href')).toBe('/')
    expect(a.text()).toBe('← All trackers')
    expect(a.classes()).toContain('back')
  })
})
