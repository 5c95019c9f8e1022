// End-to-end: a tracker's days on its page. The heat map and the year in
// pixels tell each day's value on hover and on keyboard focus and open the day
// (/day/DATE) on click or Enter; ratings and choices are coloured by value with
// a legend that names them. Real server, real Chromium, pinned clock.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import path from 'node:path'
import { evidence } from './support/steps.mjs'
import { startServer } from './support/server.mjs'
import { apiClient } from './support/api.mjs'
import { accessibilityProblems, launchChromium, newContext, waitForText } from './support/browser.mjs'
import { TZ, localDate, localInstant } from './support/dates.mjs'

// HEAT_SHOTS=/some/dir also keeps the screens a person would look at.
const SHOTS = process.env.HEAT_SHOTS
const DESKTOP = { width: 1280, height: 900 }
const PHONE = { width: 390, height: 844 }
const PASSWORD = 'correct horse battery'

let server
let browser
let context
let page
const { step } = evidence(() => ({ page, server }), { prefix: 'heat-' })
let user
const ids = {}

/** "Mon 7 Dec 2026" as the page's en-GB formatter writes a civil date. */
function dayWords(date) {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`))
}

async function log(name, daysAgo, time, value) {
  await user.call('POST', `/trackers/${ids[name]}/logs`, { value, logged_at: localInstant(localDate(daysAgo), time) })
}

async function openTracker(name) {
  await page.goto(`${server.url}/trackers/${ids[name]}`)
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
}

/** The year in pixels shows the year that holds `date` (at the turn of a year, the one before). */
async function showYearOf(date) {
  const select = page.getByLabel('Year', { exact: true })
  if ((await select.inputValue()) !== date.slice(0, 4)) await select.selectOption(date.slice(0, 4))
}

const pixels = () => page.getByRole('region', { name: 'Year in pixels' })
const fillOf = (locator) => locator.evaluate((el) => getComputedStyle(el).fill)

describe('a tracker’s days: tooltips, keyboard, the day view and the year in pixels', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer()
    user = apiClient(server.url)
    await user.register('hana@example.test', PASSWORD, 'Hana', TZ)
    const trackers = [
      { name: 'Water', icon: '💧', type: 'numeric', unit: 'glasses', options: { decimals: 0, min: 0 } },
      {
        name: 'Energy',
        icon: '⚡',
        type: 'rating',
        color: '#16a34a',
        options: { scale: 5, labels: ['drained', 'low', 'okay', 'good', 'buzzing'] },
      },
      { name: 'Mood', icon: '😊', type: 'choice', options: { choices: ['Good', 'Bad', 'Meh'] } },
    ]
    for (const t of trackers) ids[t.name] = (await user.call('POST', '/trackers', t)).id
    // Water: 6 glasses three days ago (2 + 4), 1 five days ago.
    await log('Water', 3, '09:00', 2)
    await log('Water', 3, '15:00', 4)
    await log('Water', 5, '12:00', 1)
    // Energy: 1 two days ago, 5 three days ago, 3 and 4 four days ago (3.5 on average).
    await log('Energy', 2, '20:00', 1)
    await log('Energy', 3, '20:00', 5)
    await log('Energy', 4, '08:00', 3)
    await log('Energy', 4, '20:00', 4)
    // Mood: Good, Good and Bad two days ago; Bad three days ago; Meh four days ago.
    await log('Mood', 2, '08:00', 'Good')
    await log('Mood', 2, '13:00', 'Good')
    await log('Mood', 2, '21:00', 'Bad')
    await log('Mood', 3, '21:00', 'Bad')
    await log('Mood', 4, '21:00', 'Meh')

    browser = await launchChromium()
    context = await newContext(browser, {
      timezoneId: TZ,
      locale: 'en-GB',
      viewport: DESKTOP,
      bypassCSP: true, // lets axe's script in; the app is the same
      reducedMotion: 'reduce',
    })
    context.setDefaultTimeout(10_000)
    await context.addInitScript((t) => localStorage.setItem('qself.token', t), user.token)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => undefined)
    await server?.stop()
  })

  step('hovering a heat-map day shows the day and its value in the tracker’s words', async () => {
    await openTracker('Water')
    await page.getByRole('img', { name: /Water calendar: 2 of the last \d+ days have logs/ }).waitFor()
    await page.locator(`.heat [data-date="${localDate(3)}"]`).hover()
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(3))} · 6 glasses$`))
    await page.locator(`.heat [data-date="${localDate(4)}"]`).hover()
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(4))} · nothing logged$`))
    if (SHOTS) await page.locator(`.heat [data-date="${localDate(3)}"]`).hover()
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'heat-desktop-light-hover.png') })
    await page.mouse.move(0, 0)
    assert.equal(await page.getByRole('tooltip').count(), 0)
  })

  step('the heat map is one tab stop: arrows move by day, Enter opens that day with its logs', async () => {
    const grid = page.getByRole('application', { name: 'Water calendar, day by day' })
    await grid.focus()
    // The cursor starts on today; it is said, and shown in the tooltip.
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(0))} · nothing logged$`))
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp')
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(3))} · 6 glasses$`))
    await waitForText(page.locator('.heat [aria-live="polite"]'), /6 glasses/)
    // A week back and forth lands on the same day.
    await page.keyboard.press('ArrowLeft')
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(10))}`))
    await page.keyboard.press('ArrowRight')
    await waitForText(page.getByRole('tooltip'), new RegExp(`^${dayWords(localDate(3))}`))
    // Tab leaves the grid in one step.
    await page.keyboard.press('Shift+Tab')
    assert.equal(await grid.evaluate((el) => el === document.activeElement), false)
    await page.keyboard.press('Tab')
    assert.equal(await grid.evaluate((el) => el === document.activeElement), true)
    await page.keyboard.press('Enter')
    await page.waitForURL(new RegExp(`/day/${localDate(3)}$`))
    const water = page.getByRole('region', { name: 'Water' })
    await waitForText(water, /4 glasses/)
    await waitForText(water, /2 glasses/)
  })

  step('clicking a heat-map day opens it', async () => {
    await openTracker('Water')
    await page.locator(`.heat [data-date="${localDate(5)}"]`).click()
    await page.waitForURL(new RegExp(`/day/${localDate(5)}$`))
    await waitForText(page.getByRole('region', { name: 'Water' }), /1 glass/)
  })

  step('a rating’s year in pixels colours each day by its value, named in the legend', async () => {
    await openTracker('Energy')
    await showYearOf(localDate(4))
    const cell = (days) => pixels().locator(`[data-date="${localDate(days)}"]`)
    await cell(2).waitFor()
    const [low, high, mean, empty] = await Promise.all([cell(2), cell(3), cell(4), cell(6)].map(fillOf))
    assert.notEqual(low, high, 'a 1 and a 5 look alike')
    assert.notEqual(mean, high)
    assert.notEqual(mean, low)
    assert.notEqual(low, empty, 'a 1 looks like nothing logged')
    const legend = pixels().getByRole('list', { name: 'Colours' })
    for (const label of ['1 drained', '5 buzzing', 'Nothing logged']) await legend.getByText(label).waitFor()
    await waitForText(pixels(), /A day with several logs shows their average/)
    await cell(4).hover()
    await waitForText(pixels().getByRole('tooltip'), new RegExp(`^${dayWords(localDate(4))} · 3.5/5 on average of 2$`))
  })

  step(
    'a choice’s year in pixels: a colour per choice, the legend naming each; keys and Enter open a day',
    async () => {
      await openTracker('Mood')
      await showYearOf(localDate(2))
      const legend = pixels().getByRole('list', { name: 'Colours' })
      for (const label of ['Good', 'Bad', 'Meh']) await legend.getByText(label, { exact: true }).waitFor()
      const swatch = (label) =>
        legend
          .getByRole('listitem')
          .filter({ hasText: new RegExp(`^${label}$`) })
          .locator('.swatch')
          .evaluate((el) => getComputedStyle(el).backgroundColor)
      const cell = (days) => pixels().locator(`[data-date="${localDate(days)}"]`)
      // Two days ago: Good twice and Bad once, so Good.
      assert.equal(await fillOf(cell(2)), await swatch('Good'))
      assert.equal(await fillOf(cell(3)), await swatch('Bad'))
      assert.equal(await fillOf(cell(4)), await swatch('Meh'))
      assert.notEqual(await swatch('Good'), await swatch('Bad'))
      await waitForText(pixels(), /the choice logged most/)

      await cell(2).hover()
      await waitForText(pixels().getByRole('tooltip'), new RegExp(`^${dayWords(localDate(2))} · Good ×2, Bad$`))
      await page.mouse.move(0, 0)
      const grid = page.getByRole('application', { name: /^Mood in \d{4}, day by day$/ })
      await grid.focus()
      // At the turn of a year the cursor starts on the last day of the year shown.
      const start = localDate(0).slice(0, 4) === localDate(2).slice(0, 4) ? 0 : null
      if (start === 0) {
        await page.keyboard.press('ArrowLeft')
        await page.keyboard.press('ArrowLeft')
      } else {
        await page.keyboard.press('End')
        await page.keyboard.press('ArrowDown') // clamped to the year's last day
      }
      await waitForText(pixels().getByRole('tooltip'), new RegExp(`^${dayWords(localDate(2))} · Good ×2, Bad$`))
      await page.keyboard.press('Enter')
      await page.waitForURL(new RegExp(`/day/${localDate(2)}$`))
      const mood = page.getByRole('region', { name: 'Mood' })
      await waitForText(mood, /Good/)
      await waitForText(mood, /Bad/)
    },
  )

  step('has no serious accessibility problems on the tracker pages, light and dark, grid focused', async () => {
    const problems = []
    for (const colorScheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme })
      for (const name of ['Water', 'Energy', 'Mood']) {
        await openTracker(name)
        for (const problem of await accessibilityProblems(page)) problems.push(`${colorScheme} ${name}: ${problem}`)
        await page.getByRole('application').first().focus()
        for (const problem of await accessibilityProblems(page))
          problems.push(`${colorScheme} ${name}, focused: ${problem}`)
      }
    }
    await page.emulateMedia({ colorScheme: 'light' })
    assert.deepEqual(problems, [])
  })

  step('screens for review (HEAT_SHOTS)', async () => {
    if (!SHOTS) return
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ]) {
      await page.setViewportSize(viewport)
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme })
        for (const name of ['Energy', 'Mood']) {
          await openTracker(name)
          await showYearOf(localDate(2))
          await pixels().scrollIntoViewIfNeeded()
          await page.getByRole('application', { name: /in \d{4}, day by day$/ }).focus()
          await page.keyboard.press('ArrowLeft')
          await page.keyboard.press('ArrowLeft')
          await pixels().screenshot({ path: path.join(SHOTS, `heat-${size}-${colorScheme}-${name.toLowerCase()}.png`) })
        }
        await openTracker('Water')
        await page.locator(`.heat [data-date="${localDate(3)}"]`).hover()
        await page
          .getByRole('region', { name: 'Days logged' })
          .screenshot({ path: path.join(SHOTS, `heat-${size}-${colorScheme}-water.png`) })
        await page.screenshot({ path: path.join(SHOTS, `heat-${size}-${colorScheme}-page.png`), fullPage: true })
      }
    }
  })
})
