// End-to-end: reminders as notifications (Web Push). Settings turns them on
// for this browser (permission granted to the context, the device listed).
// Headless Chromium here makes no push subscription — in a browser context
// like this one it answers "Registration failed - permission denied" (the
// card says so, checked below); with a profile on disk it waits forever for
// Google's push service — so the browser's PushManager is replaced, at the
// edge, by one whose subscription points at a stand-in push service on
// 127.0.0.1 (allowed by QSELF_PUSH_ALLOW_PRIVATE=1) with keys the test made.
// The qself worker really sends the server's payloads there, the test
// decrypts them and hands each to the app's real service worker through the
// DevTools protocol, as a push service would. Then: the notification
// shown (title, body, buttons), a button logging a value with no page's help
// (once), the same offline (queued in the outbox, sent once when a page is
// back online), and "Log…" opening the tracker's log form. A webhook (the
// same stand-in under /hook/…) added in Settings gets the test as JSON; a URL
// the server refuses shows under its field. Logging out ends this browser's
// subscription, on the server and in the browser. Real server, worker and
// Redis, real Chromium, pinned clock.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { startMailStack } from './support/mail_stack.mjs'
import {
  accessibilityProblems,
  launchChromium,
  logInWithServiceWorker,
  newContext,
  readOfflineStore,
  waitForText,
} from './support/browser.mjs'
import { apiClient } from './support/api.mjs'
import { OUTPUT_DIR, evidence } from './support/steps.mjs'
import { clock } from './support/clock.mjs'
import { TZ } from './support/dates.mjs'
import { decryptPush, deliverPush, standInPushManager, startPushService, subscriptionKeys } from './support/push.mjs'

const EMAIL = 'push@example.test'
const PASSWORD = 'correct horse battery'

let stack
let api
let browser
let context
let page
let pushService
const { step } = evidence(() => ({ page, server: stack }), { prefix: 'push-' })
const ids = {}
let userId
/** The stand-in subscriptions: this browser's (through its PushManager) and a phone's; their keys and paths. */
const browserDevice = { keys: subscriptionKeys(), path: '/push/browser', seen: 0 }
const phone = { keys: subscriptionKeys(), path: '/push/phone' }

const card = () => page.getByRole('region', { name: 'Notifications on this device' })
const deviceList = () => card().getByRole('list', { name: 'Devices that get notifications' })
const HOOK = { path: '/hook/ntfy', label: 'Stand-in ntfy' }
const logsOf = async (name) => (await api.call('GET', `/trackers/${ids[name]}/logs?limit=50`)).items

/** Asks the server for a test (or a tracker's reminder) and returns the payload the stand-in received, decrypted. */
async function nextPayload(send) {
  await send()
  const request = await pushService.nth(browserDevice.path, ++browserDevice.seen)
  assert.equal(request.headers['content-encoding'], 'aes128gcm')
  assert.match(request.headers.authorization ?? '', /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/)
  return JSON.parse(decryptPush(request.body, browserDevice.keys))
}

/** The notifications the service worker shows, as the page can read them. */
function shown() {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready
    return (await registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      icon: n.icon,
      badge: n.badge,
      actions: n.actions.map((a) => `${a.action}=${a.title}`),
      data: n.data,
    }))
  })
}

async function waitForNotification(tag, timeout = 10_000) {
  const deadline = Date.now() + timeout
  for (;;) {
    const found = (await shown()).find((n) => n.tag === tag)
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no notification tagged ${tag}; shown: ${JSON.stringify(await shown())}`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/**
 * Delivers `payload` to the service worker and waits for its notification.
 * A push that DevTools hands to a worker while Chromium is stopping it for
 * idleness is sometimes lost (seen about once in five runs on a loaded
 * machine: the worker restarts, /sw.js is fetched, nothing is shown); a push
 * service redelivers what a browser did not take, so this does too, at most
 * twice, and says so in the output.
 */
async function deliverAndShow(payload) {
  for (let attempt = 1; ; attempt++) {
    await deliverPush(context, page, stack.url, JSON.stringify(payload))
    try {
      return await waitForNotification(payload.tag, attempt < 3 ? 4_000 : 10_000)
    } catch (error) {
      if (attempt >= 3) throw error
      console.log(`push ${payload.tag} not shown after attempt ${attempt}: delivered again`)
    }
  }
}

/** A click on a notification's button (or body, action ''), run inside the service worker as its listener runs it. */
async function click(tag, action) {
  const [worker] = context.serviceWorkers()
  assert.ok(worker, 'the service worker runs')
  return worker.evaluate(
    async ([t, a, now]) => {
      const [notification] = await self.registration.getNotifications({ tag: t })
      if (!notification) throw new Error(`no notification tagged ${t}`)
      return self.qselfNotificationClick(notification, a, now)
    },
    [tag, action, clock.now()],
  )
}

/** This browser's device record (push/deviceRecord.ts) in the offline store. */
const deviceRecord = () => readOfflineStore(page, { key: 'device:push' })

function subscribedHere() {
  return page.evaluate(async () =>
    (await navigator.serviceWorker.ready).pushManager.getSubscription().then((s) => s !== null),
  )
}

/** The tracker form's line on where reminders arrive (a local check: no request). */
async function remindersLine(tracker) {
  await page.goto(`${stack.url}/trackers/${ids[tracker]}/edit`)
  const line = page.getByRole('region', { name: 'Reminders' }).locator('p', { hasText: 'Reminders arrive' })
  await line.waitFor()
  return (await line.innerText()).trim()
}

/** axe finds nothing serious in light and dark; no sideways scroll at 1024 and 390 px; a screenshot of each. */
async function checkCard(name) {
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme })
    // Colours change with a transition: axe must see the scheme's own, not one halfway.
    await page.waitForFunction(() => !document.getAnimations().some((a) => a instanceof CSSTransition))
    const problems = await accessibilityProblems(page)
    assert.deepEqual(problems, [], `${colorScheme}: ${problems.join('\n')}`)
    for (const width of [1024, 390]) {
      await page.setViewportSize({ width, height: 800 })
      assert.equal(
        await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
        true,
        `no sideways scroll at ${width} px`,
      )
      mkdirSync(OUTPUT_DIR, { recursive: true })
      await card().screenshot({ path: path.join(OUTPUT_DIR, `push-${name}-${colorScheme}-${width}.png`) })
    }
  }
  await page.setViewportSize({ width: 1024, height: 800 })
  await page.emulateMedia({ colorScheme: 'light' })
}

async function closeAll() {
  await page.evaluate(async () => {
    for (const n of await (await navigator.serviceWorker.ready).getNotifications()) n.close()
  })
}

describe('notifications (Web Push)', { timeout: 240_000 }, () => {
  before(async () => {
    pushService = await startPushService()
    stack = await startMailStack({ env: { QSELF_PUSH_ALLOW_PRIVATE: '1' } })
    api = apiClient(stack.url)
    await api.register(EMAIL, PASSWORD, 'Pat', TZ)
    userId = (await api.call('GET', '/me')).user.id
    ids.Meditated = (await api.call('POST', '/trackers', { name: 'Meditated', icon: '🧘', type: 'boolean' })).id
    ids.Mood = (
      await api.call('POST', '/trackers', { name: 'Mood', icon: '🙂', type: 'rating', options: { scale: 5 } })
    ).id
    browser = await launchChromium()
    // bypassCSP lets axe's script in (the app runs under the server's policy elsewhere).
    context = await newContext(browser, { viewport: { width: 1024, height: 800 }, bypassCSP: true, timezoneId: TZ })
    await context.grantPermissions(['notifications'], { origin: stack.url })
    page = await context.newPage()
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await stack?.stop()
    await pushService?.close()
  })

  step('log in; the service worker takes control', async () => {
    await logInWithServiceWorker(page, stack.url, EMAIL, PASSWORD, (p) => p.getByRole('article', { name: 'Meditated' }))
  })

  step("Settings: headless Chromium's own subscription fails, and the card says so", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await waitForText(card(), /No device gets notifications yet/)
    const toggle = card().getByRole('switch', { name: 'Show reminders on this device' })
    assert.equal(await toggle.isChecked(), false)
    await toggle.click()
    const alert = card().getByRole('alert')
    await waitForText(alert, /This browser would not subscribe to notifications/)
    console.log(`headless Chromium's pushManager.subscribe: ${await alert.innerText()}`)
    assert.equal(await toggle.isChecked(), false)
    assert.deepEqual((await api.call('GET', '/push/subscriptions')).subscriptions, [])
  })

  step('with the stand-in subscription, the switch turns notifications on and this device is listed', async () => {
    const endpoint = `${pushService.base}${browserDevice.path}`
    await context.addInitScript(standInPushManager, { endpoint, ...browserDevice.keys.json })
    await page.reload()
    const toggle = card().getByRole('switch', { name: 'Show reminders on this device' })
    await waitForText(card(), /No device gets notifications yet/)
    await toggle.click()
    await waitForText(card().getByRole('list', { name: 'Devices that get notifications' }), /This device/)
    assert.equal(await toggle.isChecked(), true)
    const devices = await api.call('GET', '/push/subscriptions')
    assert.equal(devices.subscriptions.length, 1)
    const [device] = devices.subscriptions
    assert.equal(device.endpoint, endpoint)
    assert.match(device.label, /^Chromium on Linux$/)
    // The worker's record of the device: whose outbox a log made offline joins.
    assert.deepEqual(await deviceRecord(), { account: userId, timezone: TZ, endpoint })
  })

  step('the card has no serious accessibility problem, light and dark, and fits a phone', () => checkCard('card'))

  step('a second device (a phone, through the API) is listed too', async () => {
    await api.call('POST', '/push/subscriptions', {
      endpoint: `${pushService.base}${phone.path}`,
      keys: phone.keys.json,
      label: 'Stand-in phone',
    })
    await page.reload()
    const list = card().getByRole('list', { name: 'Devices that get notifications' })
    await waitForText(list, /Stand-in phone/)
    assert.equal(await list.getByRole('listitem').count(), 2)
  })

  step('"Send a test notification": the server sends it, and the worker shows it without buttons', async () => {
    const payload = await nextPayload(async () => {
      await card().getByRole('button', { name: 'Send a test notification' }).click()
      await waitForText(card().getByRole('status'), /Sent to 2 devices/)
    })
    assert.equal(payload.kind, 'test')
    const n = await deliverAndShow(payload)
    assert.equal(n.title, payload.title)
    assert.equal(n.body, payload.body)
    assert.deepEqual(n.actions, [])
    assert.match(n.icon, /\/icon-192\.png$/)
    assert.match(n.badge, /\/badge-96\.png$/)
    await closeAll()
  })

  step('a webhook: added with a label, listed as one, and the test reaches it as JSON', async () => {
    const url = `${pushService.base}${HOOK.path}`
    await card().getByLabel('Webhook URL').fill(url)
    await card()
      .getByLabel(/^Label/)
      .fill(HOOK.label)
    await card().getByRole('button', { name: 'Add webhook' }).click()
    const row = deviceList().getByRole('listitem').filter({ hasText: HOOK.label })
    await waitForText(row, /Webhook\s*127\.0\.0\.1:\d+ · Added .* · nothing sent yet/)
    assert.equal(await row.getByText('This device').count(), 0)
    assert.equal(await deviceList().getByRole('listitem').count(), 3)
    assert.equal(await card().getByLabel('Webhook URL').inputValue(), '', 'the form is emptied')
    const hooks = (await api.call('GET', '/push/subscriptions')).subscriptions.filter((d) => d.kind === 'webhook')
    assert.deepEqual(
      hooks.map((d) => [d.endpoint, d.label]),
      [[url, HOOK.label]],
    )

    const payload = await nextPayload(async () => {
      await card().getByRole('button', { name: 'Send a test notification' }).click()
      await waitForText(card().getByRole('status'), /Sent to 3 devices/)
    })
    const request = await pushService.nth(HOOK.path, 1)
    console.log(`webhook body: ${request.body}`)
    assert.equal(request.method, 'POST')
    assert.match(request.headers['content-type'] ?? '', /^application\/json\b/)
    assert.equal(request.json.source, 'qself')
    assert.equal(request.json.kind, 'test')
    assert.equal(request.json.title, payload.title)
    assert.equal(request.json.message, payload.body)
    assert.match(request.json.url, /^https?:\/\//)
    assert.equal(request.json.token, undefined, 'never a way to log')
    await closeAll()

    // Once the server noted the delivery, the list says so.
    const deadline = Date.now() + 10_000
    while (
      !(await api.call('GET', '/push/subscriptions')).subscriptions.find((d) => d.id === hooks[0].id)?.last_sent_at
    ) {
      if (Date.now() > deadline) throw new Error('the webhook was never marked as sent')
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await page.reload()
    await waitForText(row, /last sent/)
  })

  step('a URL the server refuses shows under its field, with the focus, and nothing is added', async () => {
    const field = card().getByLabel('Webhook URL')
    await field.fill('ftp://x')
    await card().getByRole('button', { name: 'Add webhook' }).click()
    const error = card().locator('#hook-url-e')
    await error.waitFor()
    console.log(`the server on ftp://x: ${await error.innerText()}`)
    assert.equal(await field.getAttribute('aria-invalid'), 'true')
    assert.equal(await field.getAttribute('aria-describedby'), 'hook-url-e')
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'hook-url')
    assert.equal(await deviceList().getByRole('listitem').count(), 3)
    assert.equal((await api.call('GET', '/push/subscriptions')).subscriptions.length, 3)
    await checkCard('webhook')
  })

  step('removing the webhook', async () => {
    await card()
      .getByRole('button', { name: new RegExp(`^Remove ${HOOK.label}`) })
      .click()
    await deviceList().getByRole('listitem').filter({ hasText: HOOK.label }).waitFor({ state: 'detached' })
    const devices = (await api.call('GET', '/push/subscriptions')).subscriptions
    assert.deepEqual(
      devices.map((d) => d.kind),
      ['webpush', 'webpush'],
    )
  })

  step("a yes/no tracker's reminder shows Yes and Log…; Yes logs it once, with no page's help", async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trackers' }).click()
    await page.getByRole('article', { name: 'Meditated' }).waitFor()
    const payload = await nextPayload(() => api.call('POST', '/push/test', { tracker_id: ids.Meditated }))
    console.log(`reminder payload: ${JSON.stringify({ ...payload, token: payload.token && '…' })}`)
    assert.ok(payload.token, 'an action token')
    assert.deepEqual(payload.trackers, [
      { id: ids.Meditated, name: 'Meditated', type: 'boolean', actions: [{ title: 'Yes', value: true }] },
    ])
    const n = await deliverAndShow(payload)
    assert.equal(n.title, payload.title)
    assert.equal(n.body, payload.body)
    assert.deepEqual(n.actions, ['log:0=Yes', 'open=Log…'])
    assert.deepEqual(n.data.trackers, payload.trackers)

    const outcome = await click(payload.tag, 'log:0')
    assert.equal(outcome.kind, 'logged')
    const logs = await logsOf('Meditated')
    assert.deepEqual(
      logs.map((l) => l.value),
      [true],
    )
    assert.equal(logs[0].uid, outcome.log.uid)
    // The open dashboard heard of it and shows it.
    await waitForText(page.getByRole('article', { name: 'Meditated' }), /Done today/)
    // The reminder is replaced by a quiet confirmation.
    const confirmation = await waitForNotification(payload.tag)
    assert.equal(confirmation.title, 'Logged Yes for Meditated')
    assert.deepEqual(confirmation.actions, [])
    await closeAll()
  })

  step('offline, Yes queues the log in the outbox; back online, a page sends it once', async () => {
    const payload = await nextPayload(() => api.call('POST', '/push/test', { tracker_id: ids.Meditated }))
    await deliverAndShow(payload)
    await context.setOffline(true)
    const outcome = await click(payload.tag, 'log:0')
    assert.equal(outcome.kind, 'queued', JSON.stringify(outcome))
    const n = await waitForNotification(payload.tag)
    assert.equal(n.title, 'Saved Yes for Meditated on this device')
    assert.equal((await logsOf('Meditated')).length, 1, 'nothing reached the server')
    await waitForText(page.getByTestId('offline-banner'), /1 log waiting to be sent/)

    await context.setOffline(false)
    await page.waitForFunction(() => !/waiting to be sent/.test(document.body.innerText), null, { timeout: 15_000 })
    const logs = await logsOf('Meditated')
    assert.deepEqual(
      logs.map((l) => l.value),
      [true, true],
    )
    // Sent with the click's instant, not the sending's.
    const queuedAt = logs.find((l) => l.uid !== outcome.log?.uid)
    assert.ok(Math.abs(Date.parse(queuedAt.logged_at) - clock.now()) < 60_000)
    await closeAll()
  })

  step("a rating's five values do not fit: Log… alone, which opens the tracker's log form", async () => {
    const payload = await nextPayload(() => api.call('POST', '/push/test', { tracker_id: ids.Mood }))
    assert.equal(payload.trackers[0].actions.length, 5)
    const n = await deliverAndShow(payload)
    const max = await page.evaluate(() => Notification.maxActions)
    console.log(`Notification.maxActions in headless Chromium: ${max}`)
    assert.deepEqual(
      n.actions,
      max >= 6 ? [...payload.trackers[0].actions.map((a, i) => `log:${i}=${a.title}`), 'open=Log…'] : ['open=Log…'],
    )

    const outcome = await click(payload.tag, 'open')
    assert.deepEqual(outcome, { kind: 'open', url: `/trackers/${ids.Mood}?log=1` })
    await page.getByRole('heading', { level: 1, name: 'Mood' }).waitFor()
    await page.waitForFunction(() => !location.search.includes('log='))
    const focused = await page.evaluate(() => !!document.activeElement?.closest('[aria-labelledby="add-title"]'))
    assert.ok(focused, 'the add-log form has the focus')
    assert.equal((await logsOf('Mood')).length, 0)
  })

  step('turning the switch off removes this device and ends the subscription', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    const toggle = card().getByRole('switch', { name: 'Show reminders on this device' })
    await waitForText(card(), /This device/)
    await toggle.click()
    await page.waitForFunction(() => !document.body.innerText.includes('This device'))
    assert.equal(await toggle.isChecked(), false)
    const devices = (await api.call('GET', '/push/subscriptions')).subscriptions
    assert.deepEqual(
      devices.map((d) => d.label),
      ['Stand-in phone'],
    )
    assert.equal(await subscribedHere(), false)
    assert.equal(await remindersLine('Meditated'), 'Reminders arrive by email — or turn on notifications in Settings.')
    await page.getByRole('region', { name: 'Reminders' }).getByRole('link', { name: 'Settings' }).click()
    await card().waitFor()
  })

  step("logging out ends this browser's notifications, on the server and in the browser", async () => {
    const toggle = card().getByRole('switch', { name: 'Show reminders on this device' })
    await toggle.click()
    await waitForText(deviceList(), /This device/)
    assert.equal(await subscribedHere(), true)
    assert.equal(await remindersLine('Meditated'), 'Reminders arrive as notifications on your devices (Settings).')

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.waitForURL(/\/login/)
    await page.waitForFunction(async () => {
      const registration = await navigator.serviceWorker.ready
      return (await registration.pushManager.getSubscription()) === null
    })
    assert.equal(await deviceRecord(), undefined, 'the device record is gone')
    const fresh = apiClient(stack.url)
    await fresh.login(EMAIL, PASSWORD)
    const devices = (await fresh.call('GET', '/push/subscriptions')).subscriptions
    assert.deepEqual(
      devices.map((d) => d.label),
      ['Stand-in phone'],
    )
  })
})
