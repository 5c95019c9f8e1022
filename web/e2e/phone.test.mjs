// End-to-end on a 390×844 phone: logging comes first. The dashboard's compact
// list fits ten trackers on a screen and logs in one tap, and is remembered;
// the tracker page shows "Add a log" above the chart; a quick log carries a
// note; a duration tracker's start/stop timer survives a reload and a failed
// log, and logs the time it ran. Real server, real Chromium, pinned clock.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { evidence } from './support/steps.mjs'
import { startServer } from './support/server.mjs'
import { accessibilityProblems, launchChromium, newContext, waitForText } from './support/browser.mjs'
import { clock } from './support/clock.mjs'
import { TZ } from './support/dates.mjs'

// PHONE_SHOTS=/some/dir also keeps the screens a person would look at.
const SHOTS = process.env.PHONE_SHOTS
const PHONE = { width: 390, height: 844 }
const PASSWORD = 'correct horse battery'

const TRACKERS = [
  {
    name: 'Water',
    icon: '💧',
    type: 'numeric',
    unit: 'glasses',
    options: { decimals: 0, min: 0 },
    target: { op: 'at_least', value: 8 },
  },
  { name: 'Vitamin D', icon: '💊', type: 'boolean' },
  {
    name: 'Energy',
    icon: '⚡',
    type: 'rating',
    options: { scale: 5, labels: ['drained', 'low', 'okay', 'good', 'buzzing'] },
  },
  { name: 'Meditation', icon: '🧘', type: 'duration', target: { op: 'at_least', value: 600 } },
  { name: 'Mood', icon: '😊', type: 'choice', options: { choices: ['awful', 'bad', 'ok', 'good', 'great'] } },
  { name: 'Weight', icon: '⚖️', type: 'numeric', unit: 'kg', options: { decimals: 1, min: 30, max: 250 } },
  { name: 'Workout', icon: '🏃', type: 'boolean', frequency: 'weekly', target: { op: 'at_least', value: 3 } },
  {
    name: 'Coffee',
    icon: '☕',
    type: 'numeric',
    unit: 'cups',
    options: { decimals: 0, min: 0 },
    target: { op: 'at_most', value: 2 },
  },
  { name: 'Sleep', icon: '😴', type: 'duration', options: { duration_unit: 'hours' } },
  { name: 'Reading', icon: '📖', type: 'numeric', unit: 'pages', options: { decimals: 0, min: 0 } },
  { name: 'Journal', icon: '📝', type: 'text' },
  { name: 'Floss', icon: '🦷', type: 'boolean' },
]

let server
let browser
let context
let page
const { step } = evidence(() => ({ page, server }), { prefix: 'phone-', fullPage: false })
const ids = {}

/** A screen kept for review when PHONE_SHOTS names a folder. */
async function keep(name) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `phone-${name}.png`) })
}

/** The API from Node with the signed-in person's token: the body, or a thrown error. */
async function api(method, apiPath, body) {
  const token = await page.evaluate(() => localStorage.getItem('qself.token'))
  const r = await fetch(`${server.url}/api/v1${apiPath}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${apiPath} → ${r.status} ${text}`)
  return text ? JSON.parse(text) : null
}

const logsOf = async (name) => (await api('GET', `/trackers/${ids[name]}/logs`)).items
const trackerList = () => page.getByRole('list', { name: 'Trackers' })
const row = (name) => trackerList().getByRole('article', { name })

async function toDashboard() {
  await page.goto(`${server.url}/`)
  await trackerList().waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
}

describe('qself on a phone', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer()
    browser = await launchChromium()
    // bypassCSP lets axe's script in for the accessibility check; the app itself is the same.
    context = await newContext(browser, {
      timezoneId: TZ,
      locale: 'en-GB',
      viewport: PHONE,
      hasTouch: true,
      bypassCSP: true,
      reducedMotion: 'reduce',
    })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => undefined)
    await server?.stop()
  })

  step('signs up, and gets twelve trackers through the API', async () => {
    await page.goto(`${server.url}/register`)
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await page.getByLabel('Name').fill('Pia')
    await page.getByLabel('Email').fill('pia@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
    for (const t of TRACKERS) ids[t.name] = (await api('POST', '/trackers', t)).id
    assert.equal(Object.keys(ids).length, 12)
  })

  step('the list mode shows at least ten trackers on one phone screen', async () => {
    await toDashboard()
    const toggle = page.getByRole('group', { name: 'Show trackers as' })
    const list = toggle.getByRole('button', { name: 'List' })
    assert.equal(await toggle.getByRole('button', { name: 'Cards' }).getAttribute('aria-pressed'), 'true')
    await list.click()
    assert.equal(await list.getAttribute('aria-pressed'), 'true')
    const rows = trackerList().getByRole('article')
    assert.equal(await rows.count(), 12)
    let inside = 0
    for (const box of await Promise.all((await rows.all()).map((r) => r.boundingBox()))) {
      if (box.x >= 0 && box.y >= 0 && box.x + box.width <= PHONE.width && box.y + box.height <= PHONE.height) inside++
    }
    assert.ok(inside >= 10, `only ${inside} of 12 rows are wholly on the first screen`)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `the list is ${overflow}px wider than the phone`)
    await keep('list')
  })

  step('one tap on a row logs, and the server has it', async () => {
    await row('Vitamin D').getByRole('button', { name: 'Log yes for Vitamin D' }).click()
    await waitForText(page.locator('.toast'), /Logged Yes · Vitamin D/)
    const logs = await logsOf('Vitamin D')
    assert.equal(logs.length, 1)
    assert.equal(logs[0].value, true)
    await waitForText(row('Vitamin D'), /Done today/)
  })

  step('the list mode is remembered on this device', async () => {
    await page.reload()
    await trackerList().waitFor()
    assert.equal(
      await page
        .getByRole('group', { name: 'Show trackers as' })
        .getByRole('button', { name: 'List' })
        .getAttribute('aria-pressed'),
      'true',
    )
    await row('Floss').waitFor()
    assert.equal(await page.getByRole('article').count(), 12)
  })

  step('a quick log with a note: the API has the note', async () => {
    const energy = row('Energy')
    const open = energy.getByRole('button', { name: 'Log', exact: true })
    await open.click()
    assert.equal(await open.getAttribute('aria-expanded'), 'true')
    await energy.getByRole('button', { name: 'Add note' }).click()
    await energy.getByLabel('Note with the next log of Energy').fill('after the long walk')
    await keep('note')
    await energy.getByRole('button', { name: 'Rate Energy 4 of 5 (good)' }).click()
    await waitForText(page.locator('.toast'), /Logged .* with a note · Energy/)
    const logs = await logsOf('Energy')
    assert.equal(logs.length, 1)
    assert.equal(logs[0].value, 4)
    assert.equal(logs[0].note, 'after the long walk')
  })

  step('the tracker page puts "Add a log" above the chart on a phone', async () => {
    await page.goto(`${server.url}/trackers/${ids.Water}`)
    const add = page.getByRole('region', { name: 'Add a log' })
    const chart = page.getByRole('region', { name: 'History' })
    await add.waitFor()
    await chart.waitFor()
    await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
    const [a, c] = [await add.boundingBox(), await chart.boundingBox()]
    assert.ok(
      a.y + a.height <= c.y,
      `Add a log (${JSON.stringify(a)}) should sit above the chart (${JSON.stringify(c)})`,
    )
    assert.ok(a.y < PHONE.height, `Add a log starts ${a.y}px down, below the first screen`)
    await keep('tracker')
  })

  step('on a desktop the tracker page keeps the chart left and "Add a log" beside it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 })
    const add = await page.getByRole('region', { name: 'Add a log' }).boundingBox()
    const chart = await page.getByRole('region', { name: 'History' }).boundingBox()
    const logs = await page.getByRole('region', { name: 'Logs' }).boundingBox()
    assert.ok(chart.x + chart.width <= add.x, 'the chart is left of Add a log')
    assert.ok(Math.abs(add.y - chart.y) < 2, 'both start at the top')
    assert.ok(logs.y >= add.y + add.height && Math.abs(logs.x - add.x) < 2, 'the logs are under Add a log')
    await keep('tracker-desktop')
    await toDashboard()
    await keep('list-desktop')
    await page.setViewportSize(PHONE)
  })

  step(
    'a duration timer survives a reload, keeps its start through a failed log, and logs the time it ran',
    async () => {
      // The app's clock 25 minutes back, then on to now: the timer starts 25 minutes ago.
      const ran = 25 * 60
      await page.clock.setSystemTime(clock.now() - ran * 1000)
      await toDashboard()
      await row('Meditation').getByRole('button', { name: 'Start timer for Meditation' }).click()
      await page.clock.setSystemTime(clock.now())
      await page.reload()
      const timer = row('Meditation').getByRole('timer', { name: 'Timer for Meditation' })
      await waitForText(timer, /^2[5-9]:\d\d$/)
      await keep('timer')

      // The server fails once: the timer says so and keeps running, with its start. (With no
      // network at all the log would wait in the outbox instead: e2e/outbox.test.mjs.)
      const stored = await page.evaluate((id) => localStorage.getItem(`qself.timer.${id}`), ids.Meditation)
      await page.route(
        '**/api/v1/trackers/*/logs',
        (route) =>
          route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'unavailable', message: 'The server is busy.' } }),
          }),
        { times: 1 },
      )
      await row('Meditation').getByRole('button', { name: 'Stop timer for Meditation and log it' }).click()
      await waitForText(row('Meditation').getByRole('alert'), /Not logged.*keeps running/)
      assert.equal(await page.evaluate((id) => localStorage.getItem(`qself.timer.${id}`), ids.Meditation), stored)
      assert.equal((await logsOf('Meditation')).length, 0)
      await timer.waitFor()
      await keep('timer-error')

      await row('Meditation').getByRole('button', { name: 'Stop timer for Meditation and log it' }).click()
      await row('Meditation').getByRole('button', { name: 'Start timer for Meditation' }).waitFor()
      const logs = await logsOf('Meditation')
      assert.equal(logs.length, 1, 'one log, however many attempts')
      assert.ok(logs[0].value >= ran, `the log holds ${logs[0].value} s, less than the ${ran} s the timer ran`)
      assert.ok(logs[0].value < ran + 120, `the log holds ${logs[0].value} s, far more than the timer ran`)
      assert.ok(Math.abs(Date.parse(logs[0].logged_at) - clock.now()) < 60_000, 'logged at the stop instant')
      assert.equal(await page.evaluate((id) => localStorage.getItem(`qself.timer.${id}`), ids.Meditation), null)
    },
  )

  step('the tracker page of a duration tracker has the timer in "Add a log"', async () => {
    await page.goto(`${server.url}/trackers/${ids.Sleep}`)
    const add = page.getByRole('region', { name: 'Add a log' })
    await add.getByRole('button', { name: 'Start timer for Sleep' }).click()
    await add.getByRole('timer', { name: 'Timer for Sleep' }).waitFor()
    await keep('tracker-timer')
    await add.getByRole('button', { name: 'Discard timer for Sleep' }).click()
    await add.getByRole('button', { name: 'Start timer for Sleep' }).waitFor()
    assert.equal((await logsOf('Sleep')).length, 0)
  })

  step('the list mode has no serious accessibility problems (axe-core), light and dark', async () => {
    const problems = []
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme })
      await toDashboard()
      // A running timer, an open quick log with its note field, and a done row.
      await row('Meditation').getByRole('button', { name: 'Start timer for Meditation' }).click()
      await row('Mood').getByRole('button', { name: 'Log', exact: true }).click()
      await row('Mood').getByRole('button', { name: 'Add note' }).click()
      for (const problem of await accessibilityProblems(page)) problems.push(`${colorScheme}: ${problem}`)
      if (colorScheme === 'dark') await keep('list-dark')
      await row('Meditation').getByRole('button', { name: 'Discard timer for Meditation' }).click()
    }
    await page.emulateMedia({ colorScheme: 'light' })
    assert.deepEqual(problems, [])
  })

  step('back in cards mode, a duration card has the timer and every card a note', async () => {
    await toDashboard()
    const cards = page.getByRole('button', { name: 'Cards' })
    await cards.click()
    assert.equal(await cards.getAttribute('aria-pressed'), 'true')
    const meditation = page.getByRole('article', { name: 'Meditation' })
    await meditation.getByRole('button', { name: 'Start timer for Meditation' }).click()
    await meditation.getByRole('timer', { name: 'Timer for Meditation' }).waitFor()
    await meditation.scrollIntoViewIfNeeded()
    await keep('cards-timer')
    await meditation.getByRole('button', { name: 'Discard timer for Meditation' }).click()
    assert.equal(await page.getByRole('article').getByRole('button', { name: 'Add note' }).count(), 12)
    await page.getByRole('button', { name: 'List' }).click()
  })

  step('rows are reached by keyboard, with a visible focus', async () => {
    await toDashboard()
    await page.getByRole('button', { name: 'List' }).focus()
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim())
    assert.equal(focused, 'Water')
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement, '::after').outlineStyle)
    assert.equal(outline, 'solid', 'the focused row shows an outline')
    await page.keyboard.press('Tab')
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Add 1 to Water')
  })
})
