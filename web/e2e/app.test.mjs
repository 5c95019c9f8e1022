// End-to-end: the built app served by the real qself server, driven in Chromium.
// One story, in order: a person registers, creates one tracker of each type,
// logs, reads charts and statistics, edits and deletes logs, changes types,
// sets reminders, asks for emailed reports and an export, logs out; a second
// person sees none of it, makes and revokes an API token, changes and then
// resets the password. Imports, which need a worker: e2e/import.test.mjs.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { evidence } from './support/steps.mjs'
import { startServer, webRoot } from './support/server.mjs'
import { accessibilityProblems, launchChromium, newContext, waitForText } from './support/browser.mjs'
import { clock } from './support/clock.mjs'
import { TZ, daylioRow, localDate, localInstant, pad } from './support/dates.mjs'

const OUT = path.join(webRoot, 'e2e', 'output')
const PASSWORD = 'correct horse battery'
const NEW_PASSWORD = 'staple battery horse'
const RESET_PASSWORD = 'a reset password!'

// A Daylio CSV export: moods become one choice tracker, activities yes/no trackers;
// line 4 has a date Daylio would never write. Its days are three weeks before
// the pinned today: past at any pinned instant.
const DAYLIO_CSV = [
  'full_date,date,weekday,time,mood,activities,note_title,note',
  daylioRow(20, '21:00', 'good,reading | running,,A good day'),
  daylioRow(21, '20:30', 'meh,reading,,'),
  'someday,x,x,x,good,,,',
  '',
].join('\n')

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })

let server
let browser
let context
let page
const { step, shot } = evidence(() => ({ page, server }))
const ids = {}

const TYPE_RADIO = {
  numeric: /^Number/,
  boolean: /^Yes \/ no/,
  choice: /^Choice/,
  rating: /^Rating/,
  duration: /^Duration/,
  text: /^Text/,
}

async function createTracker({ name, type, unit, decimals, choices, scale, durationUnit, frequency, target }) {
  await page.getByRole('link', { name: 'New tracker' }).click()
  await page.getByRole('heading', { name: 'New tracker' }).waitFor()
  await page.getByLabel('Name', { exact: true }).fill(name)
  await page.getByRole('radio', { name: TYPE_RADIO[type] }).check()
  if (unit) await page.getByLabel('Unit').fill(unit)
  if (decimals !== undefined) await page.getByLabel('Decimals').selectOption(String(decimals))
  if (choices) {
    for (let i = 0; i < choices.length; i++) {
      if (i >= 2) await page.getByRole('button', { name: 'Add a choice' }).click()
      await page.getByLabel(`Choice ${i + 1}`, { exact: true }).fill(choices[i])
    }
  }
  if (scale) await page.getByLabel('Scale', { exact: true }).selectOption(String(scale))
  if (durationUnit)
    await page.getByRole('radio', { name: durationUnit === 'hours' ? 'Hours' : 'Minutes', exact: true }).check()
  if (frequency) await page.getByLabel('How often you log').selectOption(frequency)
  if (target) {
    await page.getByRole('radio', { name: target.op === 'at_least' ? 'At least' : 'At most' }).check()
    await page.getByLabel('Target value').fill(target.value)
    if (target.aggregate) await page.getByLabel(/Of each period/).selectOption(target.aggregate)
    if (target.period) await page.getByLabel('Judged per').selectOption(target.period)
  }
  await page.getByRole('button', { name: 'Create tracker' }).click()
  await page.waitForURL(/\/trackers\/\d+$/)
  await page.getByRole('heading', { level: 1, name }).waitFor()
  ids[name] = Number(/\/trackers\/(\d+)$/.exec(page.url())[1])
}

async function toDashboard() {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trackers' }).click()
  await page.getByRole('list', { name: 'Trackers' }).waitFor()
}

const card = (name) => page.getByRole('article', { name })

// Dates as the user sees them, in their zone, on the pinned clock (support/clock.mjs):
// the server and the browser read the same one.

/** A datetime-local value for N days ago at a given hour, in the user's zone. */
function daysAgoLocal(days, hour) {
  return `${localDate(days)}T${pad(hour)}:00`
}

/** The first of the month `monthsBack` months before this one, as midnight in the user's zone, RFC 3339. */
function monthStartLocal(monthsBack) {
  const [y, m] = localDate(0).split('-').map(Number)
  return localInstant(new Date(Date.UTC(y, m - 1 - monthsBack, 1)).toISOString().slice(0, 10))
}

/** An API call with the browser's session, as the app makes it. */
function apiAsUser(method, apiPath, body) {
  return page.evaluate(
    async ([m, p, b]) => {
      const r = await fetch(`/api/v1${p}`, {
        method: m,
        headers: {
          Authorization: `Bearer ${localStorage.getItem('qself.token')}`,
          ...(b === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: b === undefined ? undefined : JSON.stringify(b),
      })
      return { status: r.status, body: await r.json().catch(() => null) }
    },
    [method, apiPath, body],
  )
}

/** The API from Node, with a token or none: { status, body }. */
async function apiWith(token, method, apiPath, body) {
  const r = await fetch(`${server.url}/api/v1${apiPath}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  return { status: r.status, body: text ? JSON.parse(text) : null }
}

/** The newest email of a kind, as the server queued it (no worker sends it here). */
function newestEmail(kind) {
  return execFileSync(
    'sqlite3',
    ['-readonly', server.database, `SELECT text_body FROM emails WHERE kind = '${kind}' ORDER BY id DESC LIMIT 1`],
    {
      encoding: 'utf8',
    },
  )
}

/** The app checks on a job this often (POLL_INTERVAL_MS in src/composables/useJob.ts). */
const POLL_MS = 700

/** Counts the app's requests to GET /jobs/{id} from now on, and those not answered yet. */
function countJobChecks(id) {
  const waiting = new Set()
  const seen = {
    count: 0,
    get pending() {
      return waiting.size
    },
  }
  const sent = (r) => {
    if (r.method() === 'GET' && new URL(r.url()).pathname === `/api/v1/jobs/${id}`) {
      seen.count++
      waiting.add(r)
    }
  }
  const answered = (r) => waiting.delete(r)
  page.on('request', sent)
  page.on('requestfinished', answered)
  page.on('requestfailed', answered)
  seen.stop = () => {
    page.off('request', sent)
    page.off('requestfinished', answered)
    page.off('requestfailed', answered)
  }
  return seen
}

/** Waits until `condition()` holds; fails after `timeout` ms, saying what it waited for. */
async function until(condition, what, timeout = 10_000) {
  const deadline = Date.now() + timeout
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Waited ${timeout} ms for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/**
 * Waits until every job check the app has sent so far was seen, answered and
 * taken in by the page: a request of the test's own, sent after them, is seen
 * after them; one sent after their answers is answered after the page took
 * those in (the page handles network events in order).
 */
async function settle(checks) {
  await apiAsUser('GET', '/me')
  await until(() => checks.pending === 0, 'the job checks to be answered')
  await apiAsUser('GET', '/me')
}

/** Stops the page's clock: from here its timers fire only when the test runs the clock. */
async function pauseClock() {
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000)
}

/** Lets the page's clock run with real time again, from the pinned clock's now. */
async function resumeClock() {
  await page.clock.setSystemTime(clock.now())
  await page.clock.resume()
}

/**
 * Runs the paused page clock in short steps, letting each job check finish,
 * until `condition()` holds; returns how long the app's clock ran.
 */
async function runClockUntil(checks, condition, what, { step = 100, limit = 20 * POLL_MS } = {}) {
  let ran = 0
  while (!condition()) {
    if (ran >= limit) throw new Error(`${what} did not happen in ${limit} ms of the app's time`)
    await page.clock.runFor(step)
    ran += step
    await settle(checks)
  }
  return ran
}

describe('qself in a browser', { timeout: 300_000 }, () => {
  before(async () => {
    rmSync(OUT, { recursive: true, force: true })
    server = await startServer()
    browser = await launchChromium()
    // The page's clock starts at the pinned now; a step can also stop it and run it by hand.
    context = await newContext(browser, { timezoneId: TZ, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    context.setDefaultTimeout(10_000)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => undefined)
    await server?.stop()
  })

  step('registers, lands on an empty dashboard that invites a first tracker', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await page.getByLabel('Name').fill('Ada')
    await page.getByLabel('Email').fill('ada@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    assert.equal(await page.getByLabel('Time zone').inputValue(), TZ, 'the zone defaults to the browser zone')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
    await page.getByRole('heading', { name: /Ada/ }).waitFor()

    // The server's clock is the pinned one too: the account was created "now".
    const created = (await apiAsUser('GET', '/me')).body.user.created_at
    assert.ok(
      Math.abs(Date.parse(created) - clock.now()) < 60_000,
      `the server says the account was created at ${created}, but the pinned clock (QSELF_TEST_NOW=${clock.instant}) ` +
        `says ${new Date(clock.now()).toISOString()}: does this qself binary read QSELF_TEST_NOW?`,
    )
  })

  step('shows the API validation errors inline', async () => {
    await page.getByRole('link', { name: 'New tracker' }).click()
    await page.getByRole('radio', { name: /^Choice/ }).check()
    await page.getByLabel('Name', { exact: true }).fill('Broken')
    await page.getByLabel('Choice 1', { exact: true }).fill('same')
    await page.getByLabel('Choice 2', { exact: true }).fill('Same')
    await page.getByRole('button', { name: 'Create tracker' }).click()
    await page.getByText('Each choice must be different.').waitFor()
    await page.getByRole('link', { name: 'Cancel' }).click()
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
  })

  step('creates one tracker of each of the six types', async () => {
    await createTracker({
      name: 'Water',
      type: 'numeric',
      unit: 'glasses',
      decimals: 0,
      target: { op: 'at_least', value: '8' },
    })
    await toDashboard()
    await createTracker({ name: 'Meds', type: 'boolean' })
    await toDashboard()
    await createTracker({ name: 'Mood', type: 'choice', choices: ['bad', 'ok', 'good'] })
    await toDashboard()
    await createTracker({ name: 'Energy', type: 'rating', scale: 5 })
    await toDashboard()
    await createTracker({
      name: 'Sleep',
      type: 'duration',
      durationUnit: 'hours',
      target: { op: 'at_least', value: '7:30' },
    })
    await toDashboard()
    await createTracker({ name: 'Journal', type: 'text' })
    await toDashboard()
    for (const name of ['Water', 'Meds', 'Mood', 'Energy', 'Sleep', 'Journal']) await card(name).waitFor()
    const colors = (await apiAsUser('GET', '/trackers')).body.items.map((t) => t.color)
    assert.equal(new Set(colors).size, colors.length, `each new tracker gets its own colour: ${colors}`)
    await waitForText(card('Water'), /No logs yet/)
  })

  step('logs a value of every type from the dashboard, and the cards update', async () => {
    await page.getByLabel('Value for Water').fill('3')
    await page.getByRole('button', { name: 'Log Water', exact: true }).click()
    await waitForText(card('Water'), /3 \/ 8 glasses today/)
    await page.getByRole('button', { name: 'Add 1 to Water' }).click()
    await waitForText(card('Water'), /4 \/ 8 glasses today/)

    await page.getByRole('button', { name: 'Log yes for Meds' }).click()
    await waitForText(card('Meds'), /Done today/)

    await page.getByRole('button', { name: 'Log good for Mood' }).click()
    await waitForText(card('Mood'), /good/)
    await waitForText(card('Mood'), /Done today/)

    await page.getByRole('button', { name: 'Rate Energy 4 of 5' }).click()
    await waitForText(card('Energy'), /4\/5/)

    // Phones get a keyboard with ":"; what a number alone means (hours, for Sleep) shows before logging.
    const sleep = page.getByLabel('Duration for Sleep')
    assert.equal(await sleep.getAttribute('inputmode'), 'text')
    assert.equal(await sleep.getAttribute('pattern'), null)
    await sleep.fill('8')
    await waitForText(card('Sleep'), /8 → 8 h 00 min/)
    await sleep.fill('25:00')
    await page.getByRole('button', { name: 'Log Sleep', exact: true }).click()
    await waitForText(card('Sleep'), /At most 24 h in one log\./)
    await sleep.fill('7:45')
    await waitForText(card('Sleep'), /7:45 → 7 h 45 min/)
    await page.getByRole('button', { name: 'Log Sleep', exact: true }).click()
    await waitForText(card('Sleep'), /7:45/)
    await waitForText(card('Sleep'), /Done, 7:45 \/ 7:30 today/)

    await page.getByLabel('Text for Journal').fill('Walked by the river')
    await page.getByRole('button', { name: 'Log Journal', exact: true }).click()
    await waitForText(card('Journal'), /Walked by the river/)

    // Undo from the toast removes the log again.
    await page.getByLabel('Value for Water').fill('9')
    await page.getByRole('button', { name: 'Log Water', exact: true }).click()
    await waitForText(card('Water'), /13 \/ 8 glasses today/)
    await page.getByRole('button', { name: 'Undo: Logged 9 glasses · Water' }).click()
    await waitForText(card('Water'), /4 \/ 8 glasses today/)
  })

  step('reorders trackers with the arrow buttons, and the order is kept', async () => {
    await page.getByRole('button', { name: 'Move Meds up' }).click()
    const names = async () =>
      page.getByRole('list', { name: 'Trackers' }).getByRole('heading', { level: 2 }).allInnerTexts()
    await page.waitForFunction(
      () => document.querySelector('[aria-label="Trackers"] h2')?.textContent?.trim() === 'Meds',
    )
    await page.reload()
    await page.getByRole('list', { name: 'Trackers' }).waitFor()
    await card('Water').waitFor()
    assert.deepEqual((await names()).slice(0, 2), ['Meds', 'Water'])
  })

  step('opens a tracker: chart and statistics change as logs are added', async () => {
    await page.getByRole('link', { name: 'Water', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Water' }).waitFor()
    await waitForText(page.getByRole('group', { name: 'Logs' }), /^Logs\s*2$/)
    await waitForText(page.getByRole('group', { name: 'Total' }), /4 glasses/)
    await page.getByRole('img', { name: /Chart of Water: 1 period with logs out of 30/ }).waitFor()

    const add = page.getByRole('region', { name: 'Add a log' })
    await add.getByLabel('Value', { exact: true }).fill('2')
    // The date picker stops at now: a log records what happened (the server refuses more than 5 minutes ahead).
    const latest = await add.getByLabel('When').getAttribute('max')
    assert.ok([localDate(0), localDate(-1)].includes(latest?.slice(0, 10)), `max ${latest}`)
    await add.getByLabel('When').fill(daysAgoLocal(2, 10))
    await add.getByLabel('Note').fill('Hot day')
    await add.getByRole('button', { name: 'Add log' }).click()
    await waitForText(page.getByRole('group', { name: 'Total' }), /6 glasses/)
    await waitForText(page.getByRole('group', { name: 'Logs' }), /3/)
    await page.getByRole('img', { name: /Chart of Water: 2 periods with logs out of 30/ }).waitFor()
    await waitForText(page.getByRole('region', { name: 'Logs' }), /Hot day/)

    await page.getByRole('button', { name: '7 days' }).click()
    await page.getByRole('img', { name: /Chart of Water: 2 periods with logs out of 7/ }).waitFor()
    await page.getByRole('button', { name: '1 year' }).click()
    await page.getByRole('img', { name: /out of 5[23]\./ }).waitFor() // weeks
    await page.getByRole('button', { name: 'All', exact: true }).click()
    await page.getByRole('img', { name: /Chart of Water: 2 periods with logs out of 3\./ }).waitFor() // from the first log's day
    await page.getByRole('button', { name: 'Custom' }).click()
    await page.getByLabel('From').fill(localDate(2))
    await page.getByLabel('To', { exact: true }).fill(localDate(2))
    await page.getByRole('img', { name: /Chart of Water: 1 period with logs out of 1\./ }).waitFor()
    await waitForText(page.getByRole('group', { name: 'Total' }), /2 glasses/)
    await page.getByRole('button', { name: '30 days' }).click()
    await page.getByRole('img', { name: /Water calendar: 2 of the last \d+ days have logs/ }).waitFor()
  })

  step('edits a log inline and deletes one with undo', async () => {
    const logs = page.getByRole('region', { name: 'Logs' })
    await logs.getByRole('button', { name: /^Edit log 2 glasses/ }).click()
    await logs.getByLabel('Value', { exact: true }).fill('5')
    await logs.getByRole('button', { name: 'Save' }).click()
    await waitForText(logs, /5 glasses/)
    await waitForText(page.getByRole('group', { name: 'Total' }), /9 glasses/)

    await logs.getByRole('button', { name: /^Delete log 5 glasses/ }).click()
    await waitForText(page.getByRole('status'), /Deleted 5 glasses/)
    await waitForText(page.getByRole('group', { name: 'Total' }), /^Total\s*4 glasses/)
    await page.getByRole('button', { name: /^Undo: Deleted 5 glasses/ }).click()
    await waitForText(page.getByRole('group', { name: 'Total' }), /9 glasses/)
    await logs.getByRole('button', { name: /^Delete log 5 glasses/ }).waitFor()

    await logs.getByRole('button', { name: /^Delete log 5 glasses/ }).click()
    await waitForText(page.getByRole('group', { name: 'Total' }), /^Total\s*4 glasses/)
    await page.getByRole('button', { name: 'Dismiss' }).first().click()
    assert.equal(await logs.getByRole('button', { name: /^Delete log 5 glasses/ }).count(), 0)
  })

  step('logs from the tracker page for a boolean tracker and sees its calendar', async () => {
    await page.goto(`${server.url}/trackers/${ids.Meds}`)
    await page.getByRole('heading', { level: 1, name: 'Meds' }).waitFor()
    const add = page.getByRole('region', { name: 'Add a log' })
    await add.getByRole('radio', { name: 'No' }).check()
    await add.getByLabel('When').fill(daysAgoLocal(1, 9))
    await add.getByRole('button', { name: 'Add log' }).click()
    await waitForText(page.getByRole('group', { name: 'No', exact: true }), /1/)
    await waitForText(page.getByRole('group', { name: 'Yes', exact: true }), /1/)
    await page.getByRole('img', { name: /Meds calendar: 1 of the last \d+ days were yes/ }).waitFor()
  })

  step('shows one day of every tracker: edits, adds and deletes there, and steps to the day before', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Day' }).click()
    await page.waitForURL(/\/day$/)
    const today = localDate(0)
    const title = new Intl.DateTimeFormat('en-GB', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
    await page.getByRole('heading', { level: 1, name: title.format(new Date(`${today}T12:00:00Z`)) }).waitFor()
    await waitForText(page.locator('main'), /6 of 6 trackers logged/)
    const section = (name) => page.getByRole('region', { name, exact: true })
    await waitForText(section('Water'), /3 glasses/)
    await waitForText(section('Journal'), /Walked by the river/)

    // An edit made here is the server's at once.
    await section('Journal')
      .getByRole('button', { name: /^Edit log Walked by the river/ })
      .click()
    await section('Journal').getByLabel('Note').fill('Sunny')
    await section('Journal').getByRole('button', { name: 'Save' }).click()
    await waitForText(section('Journal'), /Sunny/)
    const journal = (await apiAsUser('GET', `/days/${today}`)).body.logs.filter((l) => l.tracker_id === ids.Journal)
    assert.deepEqual(
      journal.map((l) => l.note),
      ['Sunny'],
    )

    // The day before: only yesterday's "no" for Meds; a log added there starts at its noon.
    await page.getByRole('link', { name: 'Previous day' }).click()
    await page.waitForURL(new RegExp(`/day/${localDate(1)}$`))
    await waitForText(page.locator('main'), /1 of 6 trackers logged/)
    await waitForText(section('Meds'), /No/)
    await section('Journal').getByRole('button', { name: 'Add a log to Journal' }).click()
    assert.equal(await section('Journal').getByLabel('When').inputValue(), `${localDate(1)}T12:00`)
    await section('Journal').getByLabel('Value', { exact: true }).fill('Rain all day')
    await section('Journal').getByRole('button', { name: 'Add log' }).click()
    await waitForText(section('Journal'), /Rain all day/)
    const yesterday = (await apiAsUser('GET', `/days/${localDate(1)}`)).body.logs
    assert.deepEqual(
      yesterday.filter((l) => l.tracker_id === ids.Journal).map((l) => [l.value, l.logged_at.slice(11, 16)]),
      [['Rain all day', '12:00']],
    )
    await section('Journal')
      .getByRole('button', { name: /^Delete log Rain all day/ })
      .click()
    await waitForText(page.locator('main'), /1 of 6 trackers logged/)
    assert.equal((await apiAsUser('GET', `/days/${localDate(1)}`)).body.logs.length, 1)
    await page.getByRole('button', { name: 'Dismiss' }).first().click()
    // Tomorrow cannot be opened from today.
    await page.getByRole('link', { name: 'Next day' }).click()
    await page.waitForURL(new RegExp(`/day/${today}$`))
    assert.equal(await page.getByRole('link', { name: 'Next day' }).getAttribute('aria-disabled'), 'true')
  })

  step('changes a type that keeps the data', async () => {
    await page.goto(`${server.url}/trackers/${ids.Energy}/edit`)
    await page.getByRole('heading', { name: 'Edit Energy' }).waitFor()
    await page.getByRole('radio', { name: /^Number/ }).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Energy}$`))
    await page.getByText('Number', { exact: true }).waitFor()
    await page
      .getByRole('region', { name: 'Logs' })
      .getByRole('button', { name: /^Edit log 4 at/ })
      .waitFor()
  })

  step('a type change that would lose data is refused, then forced', async () => {
    await page.goto(`${server.url}/trackers/${ids.Journal}/edit`)
    await page.getByRole('heading', { name: 'Edit Journal' }).waitFor()
    await page.getByRole('radio', { name: /^Number/ }).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    const question = page.getByRole('alertdialog')
    await waitForText(question, /would lose data/)
    assert.ok((await question.innerText()).length > 30, 'the server says why')
    await question.getByRole('button', { name: 'Change anyway' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Journal}$`))
    await page.getByText('Number', { exact: true }).waitFor()
    await page.getByText('No logs yet. Add the first one above.').waitFor()
  })

  step('a yes/no tracker becomes Good/Bad/Neutral only once told what Yes and No become', async () => {
    const created = await apiAsUser('POST', '/trackers', { name: 'Walked', type: 'boolean' })
    assert.equal(created.status, 201)
    const id = created.body.id
    for (const [value, days] of [
      [true, 1],
      [true, 2],
      [true, 3],
      [false, 4],
    ]) {
      const logged = await apiAsUser('POST', `/trackers/${id}/logs`, {
        value,
        logged_at: localInstant(localDate(days), '09:00'),
      })
      assert.equal(logged.status, 201)
    }
    const toChoice = async () => {
      await page.getByRole('radio', { name: TYPE_RADIO.choice }).check()
      await page.getByLabel('Choice 1', { exact: true }).fill('Good')
      await page.getByLabel('Choice 2', { exact: true }).fill('Bad')
      await page.getByRole('button', { name: 'Add a choice' }).click()
      await page.getByLabel('Choice 3', { exact: true }).fill('Neutral')
      await page.getByRole('button', { name: 'Save changes' }).click()
      return page.getByRole('group', { name: 'What should your logs become?' })
    }
    await page.goto(`${server.url}/trackers/${id}/edit`)
    await page.getByRole('heading', { name: 'Edit Walked' }).waitFor()

    // Asked, next to Save and focused; "Keep my data" puts the form back as it was.
    let question = await toChoice()
    await waitForText(question, /from yes\/no to choice/)
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent?.trim()),
      'What should your logs become?',
      'the question takes the focus',
    )
    await question.getByRole('button', { name: 'Keep my data as it is' }).click()
    assert.equal(await page.getByRole('radio', { name: TYPE_RADIO.boolean }).isChecked(), true)
    assert.deepEqual(
      (await apiAsUser('GET', `/trackers/${id}/logs`)).body.items.map((l) => l.value),
      [true, true, true, false],
    )

    // Told: Yes → Good, No → Bad, with the counts after shown before applying.
    question = await toChoice()
    await question.getByLabel(/^Yes — 3 logs/).selectOption({ label: 'Good' })
    await question.getByLabel(/^No — 1 log/).selectOption({ label: 'Bad' })
    await waitForText(question, /After:\s*Good 3\s*·\s*Bad 1/)
    await shot('value-mapping')
    await question.getByRole('button', { name: 'Apply and save' }).click()
    await page.waitForURL(new RegExp(`/trackers/${id}$`))
    assert.deepEqual(
      (await apiAsUser('GET', `/trackers/${id}/logs`)).body.items.map((l) => l.value),
      ['Good', 'Good', 'Good', 'Bad'],
    )
    assert.equal((await apiAsUser('DELETE', `/trackers/${id}`)).status, 204)
  })

  step('moving a choice changes no logged value', async () => {
    const before = (await apiAsUser('GET', `/trackers/${ids.Mood}/logs`)).body.items.map((l) => l.value)
    assert.ok(before.includes('good'), 'Mood has a "good" log')
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await page.getByRole('heading', { name: 'Edit Mood' }).waitFor()
    await page.getByRole('button', { name: 'Move choice 3 up' }).click()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Mood}$`))
    const mood = (await apiAsUser('GET', `/trackers/${ids.Mood}`)).body
    assert.deepEqual(
      mood.options.choices.map((c) => c.label),
      ['bad', 'good', 'ok'],
    )
    assert.deepEqual(
      (await apiAsUser('GET', `/trackers/${ids.Mood}/logs`)).body.items.map((l) => l.value),
      before,
    )
  })

  step('archives a tracker: hidden from the dashboard until asked for', async () => {
    await page.goto(`${server.url}/trackers/${ids.Journal}/edit`)
    await page.getByRole('heading', { name: 'Edit Journal' }).waitFor()
    await page.getByRole('checkbox', { name: /Archived/ }).check()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Journal}$`))
    await toDashboard()
    await card('Water').waitFor()
    assert.equal(await card('Journal').count(), 0)
    await page.getByLabel('Show archived trackers').check()
    await waitForText(card('Journal'), /Archived/)
    await page.getByLabel('Show archived trackers').uncheck()
    await card('Journal').waitFor({ state: 'detached' })
  })

  step('sets the reminder time in Settings, and it is still there after a reload', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    const section = page.getByRole('region', { name: 'Reminders' })
    const enabled = section.getByRole('switch', { name: 'Email me a reminder' })
    const time = section.getByLabel('Time of day')
    const monthly = section.getByRole('switch', { name: 'Monthly report on the 1st' })
    await section.waitFor()
    assert.equal(await enabled.isChecked(), true, 'reminders are on for a new account')
    assert.equal(await time.inputValue(), '20:00')
    assert.equal(await monthly.isChecked(), false)
    await waitForText(section, /In your own time zone, Europe\/Paris/)

    await time.fill('07:45')
    await monthly.check()
    await section.getByRole('button', { name: 'Save reminders' }).click()
    await waitForText(section.getByRole('status'), /Reminders saved/)
    assert.equal(
      await section.getByRole('button', { name: 'Save reminders' }).isDisabled(),
      true,
      'nothing left to save',
    )

    await page.reload()
    await section.waitFor()
    assert.equal(await time.inputValue(), '07:45')
    assert.equal(await monthly.isChecked(), true)
    assert.equal(await enabled.isChecked(), true)
    const me = await apiAsUser('GET', '/me')
    assert.deepEqual(me.body.user.reminders, { enabled: true, time: '07:45', monthly_report: true })

    // Turning the daily email off keeps its time.
    await enabled.uncheck()
    await section.getByRole('button', { name: 'Save reminders' }).click()
    await waitForText(section.getByRole('status'), /Reminders saved/)
    await page.reload()
    await section.waitFor()
    assert.equal(await enabled.isChecked(), false)
    assert.equal(await time.inputValue(), '07:45')
  })

  step('leaves one tracker out of the reminder emails from its form', async () => {
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await page.getByRole('heading', { name: 'Edit Mood' }).waitFor()
    const include = page.getByRole('checkbox', { name: 'Include in the daily reminder email' })
    assert.equal(await include.isChecked(), true, 'on by default')
    await include.uncheck()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Mood}$`))
    assert.equal((await apiAsUser('GET', `/trackers/${ids.Mood}`)).body.reminders, false)
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await page.getByRole('heading', { name: 'Edit Mood' }).waitFor()
    assert.equal(await include.isChecked(), false)
  })

  step('gives one tracker reminder times of its own on chosen days, and takes them away again', async () => {
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await page.getByRole('heading', { name: 'Edit Mood' }).waitFor()
    const reminders = page.getByRole('region', { name: 'Reminders' })
    await reminders.getByRole('button', { name: '+ Add a time' }).click()
    await reminders.getByRole('button', { name: '+ Add a time' }).click()
    assert.equal(await reminders.getByLabel('Reminder time 1', { exact: true }).inputValue(), '08:00')
    assert.equal(await reminders.getByLabel('Reminder time 2', { exact: true }).inputValue(), '09:00')
    await reminders.getByLabel('Reminder time 2', { exact: true }).fill('20:30')
    // Weekends off; the daily email's checkbox says this tracker now leaves it.
    await reminders.getByRole('checkbox', { name: 'Saturday' }).uncheck()
    await reminders.getByRole('checkbox', { name: 'Sunday' }).uncheck()
    assert.equal(
      await reminders.getByRole('checkbox', { name: 'Include in the daily reminder email' }).isDisabled(),
      true,
    )
    await waitForText(reminders, /left out of the daily email/)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Mood}$`))
    assert.deepEqual((await apiAsUser('GET', `/trackers/${ids.Mood}`)).body.reminder_schedule, {
      times: ['08:00', '20:30'],
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    })
    // The tracker page says it in a few words.
    await waitForText(page.locator('.chips'), /08:00 · 20:30, weekdays/)

    // Shown as saved; a repeated time is refused in the form, and nothing changes.
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await page.getByRole('heading', { name: 'Edit Mood' }).waitFor()
    assert.equal(await reminders.getByLabel('Reminder time 2', { exact: true }).inputValue(), '20:30')
    assert.equal(await reminders.getByRole('checkbox', { name: 'Saturday' }).isChecked(), false)
    await reminders.getByLabel('Reminder time 2', { exact: true }).fill('08:00')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await waitForText(reminders, /Each time only once/)
    assert.equal((await apiAsUser('GET', `/trackers/${ids.Mood}`)).body.reminder_schedule.times.length, 2)

    // Removing both times removes the schedule.
    await reminders.getByRole('button', { name: 'Remove reminder time 2' }).click()
    await reminders.getByRole('button', { name: 'Remove reminder time 1' }).click()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Mood}$`))
    assert.equal((await apiAsUser('GET', `/trackers/${ids.Mood}`)).body.reminder_schedule, null)

    // One time again, every day, for the accessibility audit of the form below.
    await page.goto(`${server.url}/trackers/${ids.Mood}/edit`)
    await reminders.getByRole('button', { name: '+ Add a time' }).click()
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.waitForURL(new RegExp(`/trackers/${ids.Mood}$`))
    assert.deepEqual((await apiAsUser('GET', `/trackers/${ids.Mood}`)).body.reminder_schedule.times, ['08:00'])
  })

  step('emails a report of every tracker from the dashboard: the dialog shows the queued job', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('list', { name: 'Trackers' }).waitFor()
    const opener = page.getByRole('button', { name: 'Email me a report' })
    await opener.click()
    const dialog = page.getByRole('dialog', { name: 'Email me a report' })
    await dialog.waitFor()
    await waitForText(dialog, /ada@example\.test/)

    // Every active tracker is ticked (Journal is archived), and last month is the range.
    await waitForText(dialog, /5 of 5 selected/)
    const boxes = dialog.getByRole('checkbox')
    assert.equal(await boxes.count(), 5)
    for (const box of await boxes.all()) assert.equal(await box.isChecked(), true)
    assert.equal(await dialog.getByRole('radio', { name: 'Last month' }).isChecked(), true)

    // From here until the dialog is closed the page's time stands still unless
    // the test runs it, so its checks on the job can be counted on its clock.
    await pauseClock()
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/reports'))
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/reports'))
    await dialog.getByRole('button', { name: 'Send report' }).click()
    assert.deepEqual(
      (await posted).postDataJSON(),
      { from: monthStartLocal(1), to: monthStartLocal(0) },
      'all trackers: no tracker_ids',
    )
    const response = await answered
    assert.equal(response.status(), 202)
    const { job } = await response.json()
    assert.ok(Number.isInteger(job.id) && job.id > 0)

    // No worker runs beside this server: the job stays queued, and the dialog says so.
    await waitForText(dialog.getByRole('status'), /Queued/)
    await dialog.getByText(`Job ${job.id}`, { exact: true }).waitFor()
    const stored = await apiAsUser('GET', `/jobs/${job.id}`)
    assert.equal(stored.status, 200)
    assert.equal(stored.body.job.id, job.id)
    assert.equal(stored.body.job.kind, 'report')
    assert.equal(stored.body.job.status, 'queued')

    // While open it checks on the job every POLL_MS of its time: the third
    // check goes out when the clock has run three intervals, not a step sooner or later.
    const open = countJobChecks(job.id)
    const ran = await runClockUntil(open, () => open.count >= 3, 'three checks on the job')
    open.stop()
    assert.equal(open.count, 3)
    assert.equal(ran, 3 * POLL_MS, `the third check went out after ${ran} ms of the app's time`)

    // Once closed it stops: ten intervals pass on its clock without a check.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus goes back to the button')
    const closed = countJobChecks(job.id)
    await page.clock.runFor(10 * POLL_MS)
    await settle(closed)
    closed.stop()
    assert.equal(closed.count, 0, 'no checks after closing')
    await resumeClock()
  })

  step('emails a report of one tracker from its page, over a custom range', async () => {
    await page.goto(`${server.url}/trackers/${ids.Water}`)
    await page.getByRole('heading', { level: 1, name: 'Water' }).waitFor()
    await page.getByRole('button', { name: 'Email me a report' }).click()
    const dialog = page.getByRole('dialog', { name: 'Email me a report' })
    await dialog.waitFor()
    await waitForText(dialog, /1 of 5 selected/)
    assert.equal(await dialog.getByRole('checkbox', { name: 'Water' }).isChecked(), true)
    assert.equal(await dialog.getByRole('checkbox', { name: 'Meds' }).isChecked(), false)

    // Nothing ticked is stopped here; a range over five years is refused by the server, inline.
    await dialog.getByRole('button', { name: 'None', exact: true }).click()
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await waitForText(dialog, /Pick at least one tracker/)
    await dialog.getByRole('checkbox', { name: 'Water' }).check()
    await dialog.getByRole('radio', { name: 'Custom' }).check()
    await dialog.getByLabel('From').fill('2015-01-01')
    await dialog.getByLabel('To (included)').fill(localDate(0))
    await dialog.getByRole('button', { name: 'Send report' }).click()
    await waitForText(dialog, /To: a report covers at most five years/)

    const from = localDate(9)
    const last = localDate(3)
    const toExclusive = localDate(2)
    await dialog.getByLabel('From').fill(from)
    await dialog.getByLabel('To (included)').fill(last)
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/reports'))
    await dialog.getByRole('button', { name: 'Send report' }).click()
    assert.deepEqual((await posted).postDataJSON(), {
      tracker_ids: [ids.Water],
      from: localInstant(from),
      to: localInstant(toExclusive),
    })
    await waitForText(dialog.getByRole('status'), /Queued/)
    await dialog.getByRole('button', { name: 'Close', exact: true }).last().click()
    await dialog.waitFor({ state: 'detached' })
  })

  step(
    'exports all data from Settings: the job is queued without a worker, and still shown after a reload',
    async () => {
      await page.goto(`${server.url}/settings`)
      const data = page.getByRole('region', { name: 'Your data' })
      await data.waitFor()
      assert.equal(await data.getByRole('radio', { name: /^JSON/ }).isChecked(), true, 'JSON is the default')
      await data.getByRole('radio', { name: /^CSV/ }).check()
      const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/exports'))
      const checked = page.waitForRequest(
        (r) => r.method() === 'GET' && /^\/api\/v1\/jobs\/\d+$/.test(new URL(r.url()).pathname),
      )
      const answered = page.waitForResponse(
        (r) => r.request().method() === 'POST' && r.url().endsWith('/api/v1/exports'),
      )
      await data.getByRole('button', { name: 'Export', exact: true }).click()
      assert.deepEqual((await posted).postDataJSON(), { format: 'csv' })
      const response = await answered
      assert.equal(response.status(), 202)
      const { job } = await response.json()
      assert.equal(job.kind, 'export')

      await waitForText(data.getByRole('status'), /Export queued/)
      assert.equal(new URL((await checked).url()).pathname, `/api/v1/jobs/${job.id}`, 'it checks on the job')
      assert.equal((await apiAsUser('GET', `/jobs/${job.id}`)).body.job.status, 'queued')

      // Back on the page later: the same export, not a new one.
      const again = countJobChecks(job.id)
      await page.reload()
      await waitForText(data.getByRole('status'), /Export queued/)
      again.stop()
      assert.ok(again.count >= 1)
      assert.equal(await data.getByRole('radio', { name: /^CSV/ }).isChecked(), true)
    },
  )

  step('the delete-account dialog offers a JSON export first', async () => {
    await page.goto(`${server.url}/settings`)
    await page.getByRole('button', { name: 'Delete my account…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete your account?' })
    await dialog.waitFor()
    const posted = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/exports'))
    await dialog.getByRole('button', { name: 'Export your data first' }).click()
    assert.deepEqual((await posted).postDataJSON(), { format: 'json' })
    await waitForText(dialog.getByRole('status'), /Export queued/)
    assert.equal(await dialog.getByRole('button', { name: 'Delete everything' }).isDisabled(), true)
    // The password is asked again; a wrong one deletes nothing.
    await dialog.getByLabel('Your password, to confirm').fill('not my password')
    await dialog.getByRole('button', { name: 'Delete everything' }).click()
    await waitForText(dialog, /not your password/i)
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await dialog.waitFor({ state: 'hidden' })
    // The same export shows under "Your data".
    await waitForText(
      page.getByRole('region', { name: 'Your data' }).getByRole('status'),
      /Your JSON export|Export queued/,
    )
  })

  step('fits a phone screen without sideways scrolling', async () => {
    const phone = await context.newPage()
    await phone.setViewportSize({ width: 390, height: 844 })
    for (const where of [
      '/',
      `/trackers/${ids.Water}`,
      `/trackers/${ids.Water}/edit`,
      '/day',
      '/settings',
      '/import',
      '/forgot-password',
      '/reset-password?token=x',
    ]) {
      await phone.goto(`${server.url}${where}`)
      await phone.getByRole('heading', { level: 1 }).first().waitFor()
      await phone
        .locator('.skeleton')
        .first()
        .waitFor({ state: 'detached' })
        .catch(() => undefined)
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `${where} is ${overflow}px wider than the phone`)
    }
    // The import preview's table on a phone: e2e/import.test.mjs (a preview needs a worker).
    for (const where of ['/', `/trackers/${ids.Water}`]) {
      await phone.goto(`${server.url}${where}`)
      await phone.getByRole('button', { name: 'Email me a report' }).click()
      const dialog = phone.getByRole('dialog', { name: 'Email me a report' })
      await dialog.waitFor()
      await dialog.getByRole('radio', { name: 'Custom' }).check()
      const box = await dialog.boundingBox()
      assert.ok(
        box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844,
        `the dialog on ${where} fits: ${JSON.stringify(box)}`,
      )
      const inside = await dialog.evaluate((d) => d.scrollWidth - d.clientWidth)
      assert.ok(inside <= 0, `the dialog on ${where} scrolls sideways by ${inside}px`)
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await dialog.waitFor({ state: 'detached' })
    }
    await phone.close()
  })

  step('has no serious accessibility problems (axe-core), light and dark', async () => {
    const token = await page.evaluate(() => localStorage.getItem('qself.token'))
    const problems = []
    for (const colorScheme of ['light', 'dark']) {
      // bypassCSP lets axe's script in; the app itself runs under the server's policy everywhere else.
      const audit = await newContext(browser, { bypassCSP: true, colorScheme, timezoneId: TZ, reducedMotion: 'reduce' })
      await audit.addInitScript((t) => localStorage.setItem('qself.token', t), token)
      const p = await audit.newPage()
      for (const where of [
        '/',
        `/trackers/${ids.Water}`,
        `/trackers/${ids.Mood}`,
        `/trackers/${ids.Meds}`,
        `/trackers/${ids.Water}/edit`,
        `/trackers/${ids.Mood}/edit`,
        '/day',
        '/settings',
        '/import',
        '/forgot-password',
        '/reset-password?token=x',
      ]) {
        await p.goto(`${server.url}${where}`)
        await p.getByRole('heading', { level: 1 }).first().waitFor()
        await p.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
        for (const problem of await accessibilityProblems(p)) problems.push(`${colorScheme} ${where}: ${problem}`)
      }
      // The question a type change asks about logged values (Meds holds a yes and a no).
      await p.goto(`${server.url}/trackers/${ids.Meds}/edit`)
      await p.getByRole('heading', { name: 'Edit Meds' }).waitFor()
      await p.getByRole('radio', { name: TYPE_RADIO.choice }).check()
      await p.getByLabel('Choice 1', { exact: true }).fill('Taken')
      await p.getByLabel('Choice 2', { exact: true }).fill('Skipped')
      await p.getByRole('button', { name: 'Save changes' }).click()
      await p.getByRole('group', { name: 'What should your logs become?' }).waitFor()
      for (const problem of await accessibilityProblems(p)) problems.push(`${colorScheme} value mapping: ${problem}`)
      // The report dialog, before and after sending.
      await p.goto(`${server.url}/`)
      await p.getByRole('button', { name: 'Email me a report' }).click()
      const dialog = p.getByRole('dialog', { name: 'Email me a report' })
      await waitForText(dialog, /5 of 5 selected/)
      for (const problem of await accessibilityProblems(p)) problems.push(`${colorScheme} report dialog: ${problem}`)
      await dialog.getByRole('button', { name: 'Send report' }).click()
      await waitForText(dialog.getByRole('status'), /Queued/)
      for (const problem of await accessibilityProblems(p))
        problems.push(`${colorScheme} report dialog, queued: ${problem}`)
      // A file being checked (no worker runs here, so its preview job waits; the
      // second time, that waiting import is why another is refused). The preview
      // itself is audited in e2e/import.test.mjs.
      await p.goto(`${server.url}/import`)
      await p.getByLabel('Choose a file').setInputFiles(csvFile('daylio_export.csv', DAYLIO_CSV))
      await p.getByText(/Checking the file|still waiting or running/).waitFor()
      for (const problem of await accessibilityProblems(p)) problems.push(`${colorScheme} import checking: ${problem}`)
      // Settings with a token just created.
      await p.goto(`${server.url}/settings`)
      await p.getByLabel('New token name').fill(`Audit ${colorScheme}`)
      await p.getByRole('button', { name: 'Create token' }).click()
      await p.getByLabel('Token', { exact: true }).waitFor()
      await p.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
      for (const problem of await accessibilityProblems(p))
        problems.push(`${colorScheme} settings, new token: ${problem}`)
      await audit.close()
    }
    assert.deepEqual(problems, [])
  })

  step('a weekly weight goal is held against the week’s average, not its total', async () => {
    await toDashboard()
    await createTracker({
      name: 'Weight',
      type: 'numeric',
      unit: 'kg',
      decimals: 1,
      frequency: 'weekly',
      target: { op: 'at_most', value: '80', aggregate: 'average' },
    })
    await page.getByText('At most 80 kg on average a week').first().waitFor()
    const add = page.getByRole('region', { name: 'Add a log' })
    for (const kg of ['78.1', '78.4', '78.4']) {
      await add.getByLabel('Value', { exact: true }).fill(kg)
      await add.getByRole('button', { name: 'Add log' }).click()
      await waitForText(page.getByRole('region', { name: 'Logs' }), new RegExp(kg.replace('.', '\\.')))
    }
    await waitForText(page.getByRole('group', { name: 'Average per week' }), /78\.3 kg/)
    await toDashboard()
    // Before goals had an aggregate this read "234.9 / 80 kg this week", missed.
    await waitForText(card('Weight'), /Done, 78\.3 \/ 80 kg average this week/)
    await waitForText(card('Weight'), /1 week/)
    await shot('weight-goal')
  })

  step('logs out', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    assert.equal(await page.evaluate(() => localStorage.getItem('qself.token')), null)
  })

  step("a second person sees none of the first person's trackers", async () => {
    await page.getByRole('link', { name: 'Create an account' }).click()
    await page.getByRole('heading', { name: 'Create your account' }).waitFor()
    await page.getByLabel('Email').fill('grace@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
    assert.equal(await card('Water').count(), 0)
    await page.goto(`${server.url}/trackers/${ids.Water}`)
    await page.getByRole('heading', { name: 'This tracker does not exist' }).waitFor()
  })

  step('a dead session sends to the login page and back after logging in', async () => {
    await page.evaluate(() => localStorage.setItem('qself.token', 'not-a-real-token'))
    await page.goto(`${server.url}/settings`)
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    assert.equal(new URL(page.url()).searchParams.get('next'), '/settings')
    await page.getByLabel('Email').fill('grace@example.test')
    await page.getByLabel('Password').fill('wrong password')
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor()
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    assert.match(page.url(), /\/settings$/)
  })

  // Importing files, which needs a worker, is e2e/import.test.mjs; the steps
  // below want a dashboard with a tracker on it, as an import left it here.
  step('has a tracker on the dashboard again', async () => {
    const made = await apiAsUser('POST', '/trackers', { name: 'Reading', type: 'boolean' })
    assert.equal(made.status, 201, JSON.stringify(made.body))
  })

  step('creates a personal API token, shown once, that works until revoked', async () => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url })
    await page.goto(`${server.url}/settings`)
    const tokens = page.getByRole('region', { name: 'Personal API tokens' })
    await waitForText(tokens, /No tokens yet/)
    await tokens.getByRole('button', { name: 'Create token' }).click()
    await waitForText(tokens, /Name it after what will use it/)
    await tokens.getByLabel('New token name').fill('Shortcuts')
    await tokens.getByRole('button', { name: 'Create token' }).click()
    const secret = await tokens.getByLabel('Token', { exact: true }).inputValue()
    assert.match(secret, /^qs_/)
    await waitForText(tokens, /shown only this once/)
    await tokens.getByRole('button', { name: 'Copy', exact: true }).click()
    await tokens.getByRole('button', { name: 'Copied', exact: true }).waitFor()
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret)

    const me = await apiWith(secret, 'GET', '/me')
    assert.equal(me.status, 200)
    assert.equal(me.body.user.email, 'grace@example.test')

    // Once dismissed, or after a reload, the secret is nowhere on the page.
    await tokens.getByRole('button', { name: 'Done, I copied it' }).click()
    await page.reload()
    await waitForText(tokens.getByRole('list', { name: 'Personal API tokens' }), /Shortcuts/)
    assert.equal((await page.content()).includes(secret), false)

    await tokens.getByRole('button', { name: 'Revoke Shortcuts' }).click()
    const confirm = page.getByRole('dialog', { name: 'Revoke “Shortcuts”?' })
    await confirm.getByRole('button', { name: 'Revoke' }).click()
    await confirm.waitFor({ state: 'hidden' })
    await waitForText(tokens, /No tokens yet/)
    assert.equal((await apiWith(secret, 'GET', '/me')).status, 401)
  })

  step('lists the sessions and signs another one out', async () => {
    const other = await apiWith(null, 'POST', '/auth/login', { email: 'grace@example.test', password: PASSWORD })
    const third = await apiWith(null, 'POST', '/auth/login', { email: 'grace@example.test', password: PASSWORD })
    assert.equal(other.status, 200)
    assert.equal(third.status, 200)
    await page.reload()
    const sessions = page.getByRole('region', { name: 'Sessions' })
    const list = sessions.getByRole('list', { name: 'Sessions' })
    await waitForText(list, /This browser/)
    const count = await list.getByRole('listitem').count()
    assert.ok(count >= 3, `${count} sessions`)
    await waitForText(list.getByRole('listitem').first(), /Current/)
    await list
      .getByRole('button', { name: /^Sign out the session/ })
      .first()
      .click()
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Sessions"] li').length === n, count - 1)
    await sessions.getByRole('button', { name: 'Sign out all other sessions' }).click()
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sessions"] li').length === 1)
    assert.equal((await apiWith(other.body.token, 'GET', '/me')).status, 401)
    assert.equal((await apiWith(third.body.token, 'GET', '/me')).status, 401)
    await waitForText(sessions, /you are logged in here only/)
  })

  step('changes the password: other sessions signed out, the old one refused, the new one works', async () => {
    const other = await apiWith(null, 'POST', '/auth/login', { email: 'grace@example.test', password: PASSWORD })
    const script = await apiWith(other.body.token, 'POST', '/me/tokens', { name: 'Script' })
    assert.equal(script.status, 201)
    await page.reload()
    const card = page.getByRole('region', { name: 'Password' })
    await card.waitFor()

    // Checked here first, then by the server.
    await card.getByRole('button', { name: 'Change password' }).click()
    await waitForText(card, /Enter your current password/)
    await card.getByLabel('Current password').fill('not my password')
    await card.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD)
    await card.getByLabel('New password again').fill(NEW_PASSWORD + '!')
    await card.getByRole('button', { name: 'Change password' }).click()
    await waitForText(card, /The two passwords are not the same/)
    await card.getByLabel('New password again').fill(NEW_PASSWORD)
    await card.getByRole('button', { name: 'Change password' }).click()
    await waitForText(card, /Is not your current password/)
    assert.equal(await card.getByLabel('Current password').getAttribute('aria-invalid'), 'true')

    await card.getByLabel('Current password').fill(PASSWORD)
    await card.getByRole('button', { name: 'Change password' }).click()
    await waitForText(card.getByRole('status'), /Other sessions were signed out/)
    assert.equal(await card.getByLabel('Current password').inputValue(), '', 'the form is cleared')
    assert.equal((await apiWith(other.body.token, 'GET', '/me')).status, 401, 'the other session is signed out')
    assert.equal((await apiWith(script.body.token, 'GET', '/me')).status, 401, 'personal tokens are revoked')
    assert.equal((await apiAsUser('GET', '/me')).status, 200, 'this browser stays logged in')
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sessions"] li').length === 1)

    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    // A browser that held the other session comes back: sent to log in, and told why.
    await page.evaluate((token) => localStorage.setItem('qself.token', token), other.body.token)
    await page.goto(`${server.url}/`)
    await waitForText(page.getByRole('status'), /signed out because your password was changed/)
    await page.getByLabel('Email').fill('grace@example.test')
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor()
    await page.getByLabel('Password').fill(NEW_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('list', { name: 'Trackers' }).waitFor()
  })

  step('a forgotten password: the link from the email sets a new one and signs everything out', async () => {
    await page.getByRole('button', { name: 'Log out' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    await page.getByRole('link', { name: 'Forgot your password?' }).click()
    await page.getByRole('heading', { name: 'Forgot your password?' }).waitFor()

    // The same answer for an address without an account.
    await page.getByLabel('Email').fill('nobody@example.test')
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await waitForText(page.getByRole('status'), /If an account exists for nobody@example\.test, we sent a link/)
    await page.getByRole('button', { name: 'ask for another link' }).click()
    await page.getByLabel('Email').fill('grace@example.test')
    await page.getByRole('button', { name: 'Send me a link' }).click()
    await waitForText(page.getByRole('status'), /If an account exists for grace@example\.test, we sent a link/)

    // No worker sends it here; the link is in the queued email.
    const link = /\/reset-password\?token=([\w-]+)/.exec(newestEmail('password_reset'))
    assert.ok(link, 'the email has the reset link')
    const stillIn = await apiWith(null, 'POST', '/auth/login', { email: 'grace@example.test', password: NEW_PASSWORD })

    // A wrong token first: refused, with a way to ask again.
    await page.goto(`${server.url}/reset-password?token=not-a-token`)
    await page.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD)
    await page.getByLabel('New password again').fill(RESET_PASSWORD)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await waitForText(page.getByRole('alert'), /This link does not work\. Has expired, was already used/)
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor()

    await page.goto(`${server.url}/reset-password?token=${link[1]}`)
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor()
    await page.getByLabel('New password', { exact: true }).fill('short')
    await page.getByLabel('New password again').fill('short')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await waitForText(page.locator('form'), /Use at least 8 characters/)
    await page.getByLabel('New password', { exact: true }).fill(RESET_PASSWORD)
    await page.getByLabel('New password again').fill(RESET_PASSWORD)
    await page.getByRole('button', { name: 'Set new password' }).click()
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor()
    await waitForText(page.getByRole('status'), /Your new password is set/)
    assert.equal((await apiWith(stillIn.body.token, 'GET', '/me')).status, 401, 'every session is signed out')

    await page.getByLabel('Email').fill('grace@example.test')
    await page.getByLabel('Password').fill(RESET_PASSWORD)
    await page.getByRole('button', { name: 'Log in' }).click()
    await page.getByRole('list', { name: 'Trackers' }).waitFor()

    // The link worked once.
    await page.goto(`${server.url}/reset-password?token=${link[1]}`)
    await page.getByLabel('New password', { exact: true }).fill('yet another one')
    await page.getByLabel('New password again').fill('yet another one')
    await page.getByRole('button', { name: 'Set new password' }).click()
    await waitForText(page.getByRole('alert'), /was already used/)
  })
})
