// Routes, lazy-loaded. Pages that need a session send a visitor to the login
// page with `next` set, so they come back after logging in.
import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import { isApiError } from '@/api'
import { useSessionStore } from '@/stores/session'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    /** Only for visitors without a session (login, register). */
    guest?: boolean
    /** Open to everyone. */
    public?: boolean
  }
}

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    { path: '/', name: 'dashboard', component: () => import('@/views/DashboardView.vue'), meta: { title: 'Trackers' } },
    {
      path: '/login',
      name: 'login',
      component: () => import('@/views/LoginView.vue'),
      meta: { title: 'Log in', guest: true },
    },
    {
      path: '/register',
      name: 'register',
      component: () => import('@/views/RegisterView.vue'),
      meta: { title: 'Create an account', guest: true },
    },
    {
      path: '/forgot-password',
      name: 'forgot-password',
      component: () => import('@/views/ForgotPasswordView.vue'),
      meta: { title: 'Forgot your password', public: true },
    },
    {
      // The link of the verification email (a new account's address); without a token, "send it again".
      path: '/verify',
      name: 'verify',
      component: () => import('@/views/VerifyView.vue'),
      meta: { title: 'Confirm your email', public: true },
    },
    {
      // The link of the reset email; open with or without a session.
      path: '/reset-password',
      name: 'reset-password',
      component: () => import('@/views/ResetPasswordView.vue'),
      meta: { title: 'Choose a new password', public: true },
    },
    {
      path: '/trackers/new',
      name: 'tracker-new',
      component: () => import('@/views/TrackerEditView.vue'),
      meta: { title: 'New tracker' },
    },
    {
      path: '/trackers/:id(\\d+)',
      name: 'tracker',
      component: () => import('@/views/TrackerView.vue'),
      props: (r) => ({ id: Number(r.params.id) }),
      meta: { title: 'Tracker' },
    },
    {
      path: '/trackers/:id(\\d+)/edit',
      name: 'tracker-edit',
      component: () => import('@/views/TrackerEditView.vue'),
      props: (r) => ({ id: Number(r.params.id) }),
      meta: { title: 'Edit tracker' },
    },
    {
      // One day of every tracker; without a date, today.
      path: '/day/:date(\\d{4}-\\d{2}-\\d{2})?',
      name: 'day',
      component: () => import('@/views/DayView.vue'),
      props: (r) => ({ date: typeof r.params.date === 'string' && r.params.date ? r.params.date : undefined }),
      meta: { title: 'Day' },
    },
    {
      path: '/insights',
      name: 'insights',
      component: () => import('@/views/InsightsView.vue'),
      meta: { title: 'Insights' },
    },
    {
      path: '/settings',
      name: 'settings',
      component: () => import('@/views/SettingsView.vue'),
      meta: { title: 'Settings' },
    },
    {
      path: '/import',
      name: 'import',
      component: () => import('@/views/ImportView.vue'),
      meta: { title: 'Import data' },
    },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('@/views/NotFoundView.vue'),
      meta: { title: 'Not found', public: true },
    },
  ],
  scrollBehavior(_to, _from, saved) {
    return saved ?? { top: 0 }
  },
})

/** A same-site path to return to after login; anything else is ignored. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}

let navigating = false
export function isNavigating(): boolean {
  return navigating
}

function loginFor(to: RouteLocationNormalized) {
  return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
}

router.beforeEach(async (to) => {
  navigating = true
  const session = useSessionStore()
  if (to.meta.public) return true
  if (!session.isLoggedIn) return to.meta.guest ? true : loginFor(to)
  if (to.meta.guest) return { path: safeNext(to.query.next) }
  try {
    await session.ensureUser()
  } catch (e) {
    if (isApiError(e) && e.status === 401) return loginFor(to)
    // Offline or a server error: the page shows its own error state.
  }
  return true
})

router.afterEach((to) => {
  navigating = false
  document.title = to.meta.title ? `${to.meta.title} · qself` : 'qself'
})
router.onError(() => {
  navigating = false
})
