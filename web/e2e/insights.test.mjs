// End-to-end: insights. Over the 60 days before the pinned today, a seeded
// random half of the days have a yes for Meditate, and Mood (a 1–5 rating) is
// clearly higher on those days; Water and Commute are logged at random beside
// them. The Insights page must say so in words (both trackers, both averages,
// the days on each side), keep the rest folded away as "may be chance", and the
// Mood page must show the same finding, its weekday rhythm, the chart compared
// with Meditate on a second axis and a moving average. Real server, real
// Chromium, pinned clock; axe light and dark at 1024 and 390 px.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { evidence } from './support/steps.mjs'
import { startServer } from './support/server.mjs'
import { apiClient } from './support/api.mjs'
import { accessibilityProblems, launchChromium, newContext, waitForText } from './support/browser.mjs'
import { TZ, localDate, localInstant } from './support/dates.mjs'

const PASSWORD = 'correct horse battery'
const DAYS = 60

let server
let browser
let context
let page
const { step, shot } = evidence(() => ({ page, server }), { prefix: 'insights-' })
let user
const ids = {}

// A small seeded generator (mulberry32): the same planted days on every run.
let seed = 15_2026
function rand() {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const pick = (list) => list[Math.floor(rand() * list.length)]

/** What was planted: per day ago, whether Meditate was yes and the Mood that day. */
const planted = []

function plant() {
  const logs = []
  for (let d = DAYS; d >= 1; d--) {
    const meditated = rand() < 0.5
    // Clearly higher on meditation days (about 4.2 against 2.6), with noise.
    const mood = meditated ? pick([3, 4, 4, 5, 5]) : pick([1, 2, 3, 3, 4])
    planted.push({ d, meditated, mood })
    const date = localDate(d)
    logs.push(['Meditate', meditated, localInstant(date, '07:30')])
    logs.push(['Mood', mood, localInstant(date, '21:00')])
    logs.push(['Water', 4 + Math.floor(rand() * 6), localInstant(date, '12:00')])
    if (rand() < 0.8) logs.push(['Commute', pick(['bike', 'bus', 'car']), localInstant(date, '08:30')])
  }
  return logs
}

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length

async function pool(items, size, fn) {
  let i = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (i < items.length) await fn(items[i++])
    }),
  )
}

const chartBox = () => page.getByRole('region', { name: 'History' }).locator('.chart-box')
const series = async () => (await chartBox().getAttribute('data-series')).split('|')

async function openTracker(name) {
  await page.goto(`${server.url}/trackers/${ids[name]}`)
  await page.getByRole('heading', { level: 1, name }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
}

async function openInsights() {
  await page.goto(`${server.url}/insights`)
  await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.skeleton').length === 0)
}

/** "yesterday", "3 days ago", as the page says a day `d` days back at 07:30 (never today here). */
function daysAgoWords(d) {
  if (d === 1) return 'yesterday'
  return `${d} days ago`
}

describe('insights: what the data says, on its page and the tracker page', { timeout: 240_000 }, () => {
  before(async () => {
    server = await startServer()
    user = apiClient(server.url)
    await user.register('ines@example.test', PASSWORD, 'Inès', TZ)
    const trackers = [
      { name: 'Meditate', icon: '🧘', type: 'boolean', color: '#0d9488' },
      { name: 'Mood', icon: '😊', type: 'rating', color: '#d97706', options: { scale: 5 } },
      { name: 'Water', icon: '💧', type: 'numeric', unit: 'glasses', color: '#2563eb', options: { decimals: 0 } },
      { name: 'Commute', icon: '🚲', type: 'choice', color: '#65a30d', options: { choices: ['bike', 'bus', 'car'] } },
      { name: 'Journal', icon: '📝', type: 'text', color: '#475569' },
    ]
    for (const t of trackers) ids[t.name] = (await user.call('POST', '/trackers', t)).id
    await pool(plant(), 4, ([name, value, loggedAt]) =>
      user.call('POST', `/trackers/${ids[name]}/logs`, { value, logged_at: loggedAt }),
    )

    browser = await launchChromium()
    context = await newContext(browser, {
      timezoneId: TZ,
      locale: 'en-GB',
      viewport: { width: 1024, height: 900 },
      bypassCSP: true, // lets axe's script in; the app is the same
      reducedMotion: 'reduce',
    })
    context.setDefaultTimeout(15_000)
    await context.addInitScript((t) => localStorage.setItem('qself.token', t), user.token)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => undefined)
    await server?.stop()
  })

  const yes = () => planted.filter((p) => p.meditated)
  const no = () => planted.filter((p) => !p.meditated)
  const planted_sentence =
    /On days you logged Meditate as Yes, Mood averaged (\d+(?:\.\d+)?), against (\d+(?:\.\d+)?) on other days \((\d+) vs (\d+) days\)\./

  /** The planted finding's sentence in `where`, with its numbers checked against what was planted. */
  async function plantedFinding(where) {
    const heading = where.getByRole('heading', { level: 3, name: planted_sentence }).first()
    await heading.waitFor()
    const text = await heading.innerText()
    const [, withIt, without, nYes, nNo] = planted_sentence.exec(text)
    assert.ok(Math.abs(Number(withIt) - mean(yes().map((p) => p.mood))) < 0.051, `${text}: the average with Meditate`)
    assert.ok(Math.abs(Number(without) - mean(no().map((p) => p.mood))) < 0.051, `${text}: the average without`)
    assert.deepEqual([Number(nYes), Number(nNo)], [yes().length, no().length], text)
    return heading.locator('xpath=ancestor::article[1]')
  }

  step('the header links to Insights; the page explains itself and states the planted finding', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' }).click()
    await page.waitForURL(/\/insights$/)
    await openInsights()
    await waitForText(
      page.getByRole('region', { name: 'How to read these' }),
      /qself tested \d+ comparisons? of your trackers/,
    )
    await waitForText(page.getByRole('region', { name: 'How to read these' }), /Correlation is not causation/)
    const findings = page.getByRole('list', { name: /Findings/ })
    const card = await plantedFinding(findings)
    // The numbers behind it, in plain words, and both trackers one click away.
    await waitForText(card, /\d+ days · difference \+\d/)
    await waitForText(card, /difference of means|difference of rates/)
    await waitForText(card, /p (< 0\.001|0\.\d+) · q (< 0\.001|0\.\d+)/)
    await card.getByRole('img', { name: /Yes .*\(\d+ days\), .*\(\d+ days\)/ }).waitFor()
    assert.equal(await card.getByRole('link', { name: 'Meditate' }).getAttribute('href'), `/trackers/${ids.Meditate}`)
    assert.equal(await card.getByRole('link', { name: 'Mood' }).getAttribute('href'), `/trackers/${ids.Mood}`)
    await shot('page')
  })

  step('what may be chance is folded away, and opens on demand', async () => {
    const summary = page.locator('details summary', { hasText: 'Not reliable — may be chance' })
    await summary.waitFor()
    const rest = page.getByRole('list', { name: 'Not reliable' })
    assert.equal(await rest.isVisible(), false)
    await summary.click()
    await rest.waitFor()
    assert.ok((await rest.getByRole('article').count()) > 0)
    await waitForText(rest.getByRole('article').first(), /may be chance/)
  })

  step('the Mood page’s Insights section shows the finding, its weekday rhythm and a link to all', async () => {
    await openTracker('Mood')
    const section = page.getByRole('region', { name: 'Insights' })
    await plantedFinding(section)
    await section.getByRole('img', { name: /^Mood by weekday: Mon / }).waitFor()
    assert.equal(await section.getByRole('link', { name: 'All insights' }).getAttribute('href'), '/insights')
  })

  step('the Meditate page says when the last yes was and how often there usually is one', async () => {
    await openTracker('Meditate')
    const last = planted.filter((p) => p.meditated).at(-1).d
    await waitForText(
      page.getByRole('region', { name: 'Insights' }),
      new RegExp(`Last yes ${daysAgoWords(last)} · usually every (day|[\\d.]+ days)`),
    )
  })

  step('“Compare with…” draws Meditate on a second axis, and clearing it returns to Mood alone', async () => {
    await openTracker('Mood')
    const compare = page.getByLabel('Compare with…', { exact: true })
    await compare.waitFor()
    const offered = await compare.locator('option').allInnerTexts()
    assert.deepEqual(offered, ['Nothing', 'Meditate', 'Water', 'Commute'], 'other trackers, text ones left out')
    assert.deepEqual(await series(), ['Mood'])
    await compare.selectOption({ label: 'Meditate' })
    await page.getByRole('img', { name: /^Chart of Mood \(left axis\) and Meditate \(right axis\)/ }).waitFor()
    assert.deepEqual(await series(), ['Mood', 'Meditate'])
    await shot('compare')
    await compare.selectOption({ label: 'Nothing' })
    await page.getByRole('img', { name: /^Chart of Mood: / }).waitFor()
    assert.deepEqual(await series(), ['Mood'])
  })

  step('the moving average adds its line, and “Off” takes it away', async () => {
    const average = page.getByLabel('Moving average', { exact: true })
    await average.selectOption({ label: '7 days' })
    await page.getByRole('img', { name: /^Chart of Mood, with its 7-day moving average/ }).waitFor()
    assert.deepEqual(await series(), ['Mood, 7-day average', 'Mood'])
    await average.selectOption({ label: '30 days' })
    await page.waitForFunction(() => document.querySelector('.chart-box')?.dataset.series?.includes('30-day'))
    await average.selectOption({ label: 'Off' })
    await page.getByRole('img', { name: /^Chart of Mood: / }).waitFor()
    assert.deepEqual(await series(), ['Mood'])
  })

  step('has no serious accessibility problems and no sideways scroll, light and dark, 1024 and 390 px', async () => {
    const problems = []
    for (const width of [1024, 390]) {
      await page.setViewportSize({ width, height: 900 })
      for (const colorScheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme })
        for (const [where, open] of [
          [
            'insights',
            async () => {
              await openInsights()
              await page.locator('details summary').click()
            },
          ],
          [
            'mood',
            async () => {
              await openTracker('Mood')
              await page.getByLabel('Compare with…', { exact: true }).selectOption({ label: 'Meditate' })
              await page.getByRole('img', { name: /right axis/ }).waitFor()
            },
          ],
          ['commute', () => openTracker('Commute')],
          ['meditate', () => openTracker('Meditate')],
        ]) {
          await open()
          // Colours change with a transition: axe must see the scheme's own, not one halfway.
          await page.waitForFunction(() => !document.getAnimations().some((a) => a instanceof CSSTransition))
          for (const problem of await accessibilityProblems(page))
            problems.push(`${width} ${colorScheme} ${where}: ${problem}`)
          const sideways = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth)
          if (sideways) problems.push(`${width} ${colorScheme} ${where}: scrolls sideways`)
          if (process.env.INSIGHTS_SHOTS) await shot(`${where}-${width}-${colorScheme}`)
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' })
    await page.setViewportSize({ width: 1024, height: 900 })
    assert.deepEqual(problems, [])
  })
})
