// Who is logged in. The token itself lives in the API client's token store
// (localStorage), so a session survives reloads; the user beside it, so that
// offline the app still knows whose last known data and outbox to show.
import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { api } from '@/api'
import type { User, UserUpdate } from '@/api/types'
import { lastKnown, offlineStore, signOut, useAccount } from '@/offline'
import { endPushOnSignOut, type SignOutKind } from '@/push/signOut'
import { browserTimeZone } from '@/utils/time'

/** Why the server ended a session, as the login page tells it. */
export type SignedOutReason = 'password_changed'

/** The 401's `reason` when the login page has words for it, else null. */
export function signedOutReason(reason: string | null | undefined): SignedOutReason | null {
  return reason === 'password_changed' ? reason : null
}

const USER_KEY = 'qself.user'

/** This browser stops showing the account's notifications (push/signOut.ts). */
function endPushHere(account: number | null, kind: SignOutKind): Promise<void> {
  return endPushOnSignOut(account, kind, {
    store: offlineStore,
    api,
    registration: async () => (await globalThis.navigator?.serviceWorker?.getRegistration()) ?? undefined,
    online: () => globalThis.navigator?.onLine !== false,
  })
}

function storedUser(): User | null {
  try {
    const text = globalThis.localStorage?.getItem(USER_KEY)
    return text ? (JSON.parse(text) as User) : null
  } catch {
    return null
  }
}

function storeUser(user: User | null): void {
  try {
    if (user) globalThis.localStorage?.setItem(USER_KEY, JSON.stringify(user))
    else globalThis.localStorage?.removeItem(USER_KEY)
  } catch {
    // Storage blocked: offline, the app then knows no account.
  }
}

export const useSessionStore = defineStore('session', () => {
  const token = ref<string | null>(api.tokens.get())
  const user = ref<User | null>(null)
  /** The user of the last session in this browser, until the server confirms who the token is (offline: never). */
  const lastUser = ref<User | null>(token.value ? storedUser() : null)
  if (lastUser.value) useAccount(lastUser.value)
  watch(user, (u) => {
    if (!u) return
    const before = lastUser.value
    // Another account than the one whose data is kept here: that data goes.
    if (before && before.id !== u.id) void lastKnown.forget(before.id)
    lastUser.value = u
    storeUser(u)
    useAccount(u)
  })
  /** Why the last session ended, when the server said; cleared by the next login. */
  const signedOutBecause = ref<SignedOutReason | null>(null)
  let loadingUser: Promise<User | null> | null = null

  const isLoggedIn = computed(() => token.value !== null)
  /** The zone periods and times are shown in: the user's setting, else the browser's. */
  const timezone = computed(() => user.value?.timezone || lastUser.value?.timezone || browserTimeZone())

  /** Fetches the user once per session; a 401 here is handled by the API client. */
  function ensureUser(): Promise<User | null> {
    if (!token.value) return Promise.resolve(null)
    if (user.value) return Promise.resolve(user.value)
    if (!loadingUser) {
      loadingUser = api
        .me()
        .then((r) => {
          user.value = r.user
          return r.user
        })
        .finally(() => {
          loadingUser = null
        })
    }
    return loadingUser
  }

  async function login(email: string, password: string): Promise<void> {
    const result = await api.login(email, password)
    token.value = result.token
    user.value = result.user
    signedOutBecause.value = null
  }

  /**
   * Signs up. 'check_email': the server verifies addresses, and a link is on its way (or, for a taken
   * address, a notice to its owner: the answer is the same). 'signed_in': it does not, and this is done.
   */
  async function register(input: {
    email: string
    password: string
    name?: string
    timezone?: string
  }): Promise<'check_email' | 'signed_in'> {
    const answer = await api.register(input)
    if ('status' in answer && answer.status === 'check_email') return 'check_email'
    await login(input.email, input.password)
    return 'signed_in'
  }

  /** Opens the link of the verification email: the account is verified and this browser signed in. */
  async function verifyEmail(verificationToken: string): Promise<void> {
    const result = await api.verifyEmail(verificationToken)
    token.value = result.token
    user.value = result.user
    signedOutBecause.value = null
  }

  async function logout(): Promise<void> {
    // While the session still counts, so the server can forget this browser's subscription.
    await endPushHere(user.value?.id ?? lastUser.value?.id ?? null, 'logout')
    try {
      await api.logout()
    } catch {
      // The token may already be dead; either way it is forgotten here.
    }
    forget()
  }

  async function updateProfile(input: UserUpdate): Promise<void> {
    const result = await api.updateMe(input)
    user.value = result.user
  }

  async function deleteAccount(password: string): Promise<void> {
    await api.deleteMe(password)
    forget(null, 'account_deleted')
  }

  /** Drops the session locally (after logout, a 401, or account deletion), noting why when the server said. */
  function forget(reason: SignedOutReason | null = null, why: 'signed_out' | 'account_deleted' = 'signed_out'): void {
    api.tokens.set(null)
    token.value = null
    user.value = null
    lastUser.value = null
    storeUser(null)
    void signOut(why === 'account_deleted')
    // After a 401 or the account's deletion only the browser's subscription is left to end (after logout, nothing).
    void endPushHere(null, 'session-ended')
    signedOutBecause.value = reason
  }

  return {
    token,
    user,
    lastUser,
    signedOutBecause,
    isLoggedIn,
    timezone,
    ensureUser,
    login,
    register,
    verifyEmail,
    logout,
    updateProfile,
    deleteAccount,
    forget,
  }
})
