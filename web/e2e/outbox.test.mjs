// End-to-end: offline, on a 390×844 phone. The last known trackers and logs
// are shown from IndexedDB, marked as such; logs added and edited offline wait
// in the outbox, marked pending, and reach the server once each when the
// connection returns — also when a POST's answer is lost, or an entry is sent
// again; one the server refuses (its tracker deleted meanwhile) is shown with
// the reason and can be discarded; logging out drops the cached data and keeps
// the account's outbox for its next sign-in. Real server, real Chromium (its
// service worker and IndexedDB), pinned clock.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { startServer } from './support/server.mjs'
import {
  launchChromium,
  logInWithServiceWorker,
  newContext,
  readOfflineStore,
  waitForText,
} from './support/browser.mjs'
import { apiClient } from './support/api.mjs'
import { evidence } from './support/steps.mjs'
import { clock } from './support/clock.mjs'
import { TZ } from './support/dates.mjs'

// OUTBOX_SHOTS=/some/dir also keeps the screens a person would look at.
const SHOTS = process.env.OUTBOX_SHOTS
const EMAIL = 'outbox@example.test'
const PASSWORD = 'correct horse battery'

let server
let api
let browser
let context
let page
const { step } = evidence(() => ({ page, server }), { prefix: 'outbox-' })
let userId
const ids = {}

const banner = () => page.getByTestId('offline-banner')
const logsOf = async (name) => (await api.call('GET', `/trackers/${ids[name]}/logs?limit=50`)).items

/** The keys of the app's IndexedDB store (src/offline/db.ts). */
const idbKeys = () => readOfflineStore(page, { keys: true })

/** Writes one outbox entry straight into IndexedDB, as a page that crashed mid-send would have left it. */
function writeOutboxEntry(key, entry) {
  return page.evaluate(
    ([k, v]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('qself-offline')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('kv', 'readwrite')
          tx.objectStore('kv').put(v, k)
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    [key, entry],
  )
}

/** Closes the message at the bottom (and waits until it has gone), so that a screenshot shows the page. */
async function dismissToasts() {
  await page.getByRole('button', { name: 'Dismiss' }).last().click()
  await page.waitForFunction(() => !document.querySelector('.toast-close'))
}

async function waitForNothingWaiting() {
  await page.waitForFunction(() => !/waiting to be sent/.test(document.body.innerText), null, { timeout: 15_000 })
}

describe('offline data and the outbox', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer()
    api = apiClient(server.url)
    await api.register(EMAIL, PASSWORD, 'Olive', TZ)
    userId = (await api.call('GET', '/me')).user.id
    for (const t of [
      { name: 'Water', icon: '💧', type: 'numeric', unit: 'glasses', options: { decimals: 0, min: 0, max: 20 } },
      { name: 'Vitamin D', icon: '💊', type: 'boolean' },
      { name: 'Energy', icon: '⚡', type: 'rating', options: { scale: 5 } },
      { name: 'Meditation', icon: '🧘', type: 'duration' },
    ]) {
      ids[t.name] = (await api.call('POST', '/trackers', t)).id
    }
    // A log from before, so that the tracker page has a last known list.
    await api.call('POST', `/trackers/${ids.Water}/logs`, { value: 1 })
    browser = await launchChromium()
    context = await newContext(browser, { viewport: { width: 390, height: 844 } })
    page = await context.newPage()
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  step('online: log in, the dashboard loads and the service worker takes control', async () => {
    await logInWithServiceWorker(page, server.url, EMAIL, PASSWORD, (p) => p.getByRole('article', { name: 'Energy' }))
    // Visited once online: its first page of logs is the last known one.
    await page.getByRole('link', { name: 'Water' }).click()
    await waitForText(page.getByRole('region', { name: 'Logs' }), /1 glass/)
    await page.getByRole('link', { name: 'All trackers' }).click()
    await page.getByRole('article', { name: 'Energy' }).waitFor()
    assert.equal(await banner().count(), 0, 'nothing to say online')
  })

  step('offline, a reload shows the last known trackers, marked as such', async () => {
    await context.setOffline(true)
    await page.reload()
    await waitForText(banner(), /Offline — showing what was last loaded at \d\d:\d\d/)
    for (const name of ['Water', 'Vitamin D', 'Energy']) await page.getByRole('article', { name }).waitFor()
  })

  step('offline, three logs of three types wait, marked pending, and one is edited', async () => {
    await page.getByRole('button', { name: 'Log yes for Vitamin D' }).click()
    await waitForText(page.getByRole('status'), /Saved offline: Yes · Vitamin D/)
    await page.getByRole('button', { name: 'Rate Energy 4 of 5' }).click()
    await waitForText(banner(), /2 logs waiting to be sent/)
    await waitForText(page.getByRole('article', { name: 'Energy' }), /1 pending/)
    // Counted in already, where that is simple: a yes makes a habit without a target done today.
    await waitForText(page.getByRole('article', { name: 'Vitamin D' }), /Done today\s*1 pending/)
    await dismissToasts()
    // The compact list shows every tracker, and so every pending badge, on one phone screen.
    await page.getByRole('button', { name: 'List' }).click()
    await waitForText(page.getByRole('article', { name: 'Vitamin D' }), /Done today[^]*1 pending/)
    await page.evaluate(() => window.scrollTo(0, 0))
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'outbox-offline-dashboard.png') })
    await page.getByRole('button', { name: 'Cards' }).click()

    await page.getByRole('link', { name: 'Water' }).click()
    const add = page.getByRole('region', { name: 'Add a log' })
    await add.getByLabel('Value', { exact: true }).fill('3')
    await add.getByRole('button', { name: 'Add log' }).click()
    await waitForText(banner(), /3 logs waiting to be sent/)
    const logs = page.getByRole('region', { name: 'Logs' })
    await waitForText(logs, /3 glasses\s*Pending/)
    await waitForText(logs, /1 glass/) // the last known list is still there

    await logs.getByRole('button', { name: /^Edit log 3 glasses/ }).click()
    await logs.getByLabel('Value', { exact: true }).fill('5')
    await logs.getByRole('button', { name: 'Save' }).click()
    await waitForText(logs, /5 glasses\s*Pending/)
    await waitForText(banner(), /3 logs waiting to be sent/)
    assert.equal(await logs.getByText('3 glasses').count(), 0)

    // The Day page, offline too: only what waits, marked.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Day' }).click()
    await waitForText(page.getByRole('status'), /Only logs waiting to be sent are shown/)
    await waitForText(page.getByRole('region', { name: 'Water' }), /5 glasses\s*Pending/)
    await waitForText(page.getByRole('region', { name: 'Vitamin D' }), /Yes\s*Pending/)
    await page.goBack()

    const keys = await idbKeys()
    assert.equal(keys.filter((k) => k.startsWith(`a${userId}:outbox:`)).length, 3, keys.join(', '))
    // Nothing reached the server.
    assert.equal((await logsOf('Water')).length, 1)
    assert.equal((await logsOf('Vitamin D')).length, 0)
  })

  step('back online, each reaches the server once, with the edited value', async () => {
    await context.setOffline(false)
    await waitForNothingWaiting()
    // The edited value, once; beside the log from before (order by time is not the point here).
    assert.deepEqual((await logsOf('Water')).map((l) => l.value).sort(), [1, 5])
    assert.deepEqual(
      (await logsOf('Vitamin D')).map((l) => l.value),
      [true],
    )
    assert.deepEqual(
      (await logsOf('Energy')).map((l) => l.value),
      [4],
    )
    const logs = page.getByRole('region', { name: 'Logs' })
    await waitForText(logs, /5 glasses/)
    assert.equal(await logs.getByText('Pending').count(), 0)
    assert.equal((await idbKeys()).filter((k) => k.includes(':outbox:')).length, 0)
  })

  step('the same entry sent again adds nothing (same uid)', async () => {
    const sent = (await logsOf('Water')).find((l) => l.value === 5)
    await writeOutboxEntry(`a${userId}:outbox:${sent.uid}`, {
      key: sent.uid,
      seq: 1,
      kind: 'create',
      tracker_id: ids.Water,
      log_id: null,
      uid: sent.uid,
      input: { value: 5, logged_at: sent.logged_at, note: '' },
      queued_at: sent.logged_at,
      state: 'waiting',
      reason: '',
      status: 0,
      fields: {},
    })
    await page.reload()
    await page.waitForFunction(async () => {
      const keys = await new Promise((resolve) => {
        const open = indexedDB.open('qself-offline')
        open.onsuccess = () => {
          const r = open.result.transaction('kv').objectStore('kv').getAllKeys()
          r.onsuccess = () => {
            open.result.close()
            resolve(r.result.map(String))
          }
        }
      })
      return !keys.some((k) => k.includes(':outbox:'))
    })
    assert.equal((await logsOf('Water')).length, 2)
  })

  step('a POST whose answer is lost is sent again and added once', async () => {
    await page.getByRole('link', { name: 'All trackers' }).click()
    let handled = 0
    await page.route('**/api/v1/trackers/*/logs', async (route) => {
      if (route.request().method() !== 'POST' || handled > 0) return route.fallback()
      handled++
      await route.fetch() // the server adds it…
      await route.abort('connectionreset') // …and the answer never arrives
    })
    await page.getByRole('button', { name: 'Log yes for Vitamin D' }).click()
    await waitForText(banner(), /1 log waiting to be sent/)
    await page.unroute('**/api/v1/trackers/*/logs')
    assert.equal((await logsOf('Vitamin D')).length, 2, 'the server has it already')
    await banner().getByRole('button', { name: 'Send now' }).click()
    await waitForNothingWaiting()
    assert.equal(handled, 1)
    assert.equal((await logsOf('Vitamin D')).length, 2, 'and still once')
  })

  step('offline, a stopped timer waits in the outbox with the stop instant, and is sent once', async () => {
    await context.setOffline(true)
    const card = page.getByRole('article', { name: 'Meditation' })
    // The app's clock 10 minutes back, then on to now: the timer started 10 minutes ago.
    await page.clock.setSystemTime(clock.now() - 600_000)
    await card.getByRole('button', { name: 'Start timer for Meditation' }).click()
    await page.clock.setSystemTime(clock.now())
    const stoppedAt = await page.evaluate(() => Date.now())
    await card.getByRole('button', { name: 'Stop timer for Meditation and log it' }).click()
    await card.getByRole('button', { name: 'Start timer for Meditation' }).waitFor()
    await waitForText(card, /1 pending/)
    await context.setOffline(false)
    await waitForNothingWaiting()
    const [log] = await logsOf('Meditation')
    assert.ok(log.value >= 600 && log.value < 660, `${log.value} s`)
    assert.ok(Math.abs(Date.parse(log.logged_at) - stoppedAt) < 5000, `${log.logged_at} is the stop instant`)
    assert.equal((await logsOf('Meditation')).length, 1)
  })

  step('a log queued for a tracker deleted meanwhile is shown with the reason, and discarded', async () => {
    await context.setOffline(true)
    await page.getByRole('button', { name: 'Rate Energy 2 of 5' }).click()
    await waitForText(banner(), /1 log waiting to be sent/)
    await api.call('DELETE', `/trackers/${ids.Energy}`)
    await context.setOffline(false)
    const refused = banner().getByRole('region', { name: /not accepted by the server/ })
    await waitForText(refused, /Energy: 2/)
    await waitForText(refused, /The tracker no longer exists\./)
    assert.equal(await refused.getByRole('button', { name: /^Fix and send again/ }).count(), 0, 'nothing to fix')
    await dismissToasts()
    await page.evaluate(() => window.scrollTo(0, 0))
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'outbox-refused.png') })
    // Never dropped by itself: still there after a reload.
    await page.reload()
    await waitForText(banner(), /The tracker no longer exists\./)
    await banner()
      .getByRole('button', { name: /^Discard: Energy: 2/ })
      .click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="offline-banner"]'))
    assert.equal((await idbKeys()).filter((k) => k.includes(':outbox:')).length, 0)
  })

  step('a value the server now refuses is fixed and sent again', async () => {
    await context.setOffline(true)
    await page.getByRole('link', { name: 'Water' }).click()
    const add = page.getByRole('region', { name: 'Add a log' })
    await add.getByLabel('Value', { exact: true }).fill('12')
    await add.getByRole('button', { name: 'Add log' }).click()
    await waitForText(banner(), /1 log waiting to be sent/)
    // Meanwhile, on another device, the most a day takes became 10.
    await api.call('PATCH', `/trackers/${ids.Water}`, { options: { decimals: 0, min: 0, max: 10 } })
    await context.setOffline(false)
    const refused = banner().getByRole('region', { name: /not accepted by the server/ })
    await waitForText(refused, /Water: 12 glasses/)
    await refused.getByRole('button', { name: /^Fix and send again/ }).click()
    await refused.getByLabel('Value', { exact: true }).fill('9')
    await refused.getByRole('button', { name: 'Send again' }).click()
    await page.waitForFunction(() => !document.querySelector('[data-testid="offline-banner"]'))
    assert.deepEqual((await logsOf('Water')).map((l) => l.value).sort(), [1, 5, 9])
  })

  step('logging out drops the cached data and keeps the outbox for the same account', async () => {
    await page.getByRole('link', { name: 'All trackers' }).click()
    await context.setOffline(true)
    await page.getByRole('button', { name: 'Log yes for Vitamin D' }).click()
    await waitForText(banner(), /1 log waiting to be sent/)
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    const keys = await idbKeys()
    assert.deepEqual(
      keys.filter((k) => k.includes(':cache:')),
      [],
      'no cached data after logout',
    )
    assert.equal(keys.filter((k) => k.startsWith(`a${userId}:outbox:`)).length, 1, 'the outbox is kept')
    assert.equal(await banner().count(), 0, 'and not shown to whoever is at the login page')

    await context.setOffline(false)
    await page.getByLabel('Email').fill(EMAIL)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('article', { name: 'Vitamin D' }).waitFor()
    await waitForNothingWaiting()
    assert.equal((await logsOf('Vitamin D')).length, 3)
  })
})
