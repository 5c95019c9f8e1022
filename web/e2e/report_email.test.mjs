// The report email on a phone: the real email a worker builds and maildev
// receives, for a year of twenty trackers of every type logged every day, is
// opened in Chromium 390 px wide (an iPhone's width) and must not scroll
// sideways, nor be so large that Gmail clips it. The month report (a row a day)
// and the year report (a row a month) are both checked.
import { after, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { startMailStack } from './support/mail_stack.mjs'
import { launchChromium, newContext } from './support/browser.mjs'
import { clock } from './support/clock.mjs'
import { apiClient } from './support/api.mjs'
import { webRoot } from './support/server.mjs'

const OUT = path.join(webRoot, 'e2e', 'output')
const PHONE = { width: 390, height: 844 }
const DAY_MS = 24 * 60 * 60 * 1000

// The month before the pinned one, and the 365 days that end with it (UTC), so
// that every log is in the past at any pinned instant.
const thisMonth = new Date(clock.now())
const monthEnd = Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth(), 1)
const monthStart = Date.UTC(thisMonth.getUTCFullYear(), thisMonth.getUTCMonth() - 1, 1)
const yearStart = monthEnd - 365 * DAY_MS
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z')

// What makes an email wide: long names without a space, long labels, a link in a journal.
const KINDS = [
  { type: 'numeric', unit: 'glasses', options: { decimals: 1 }, target: { op: 'at_least', value: 6 } },
  { type: 'duration' },
  { type: 'rating', options: { scale: 5, labels: ['Awful', 'Poor', 'Fine', 'Good', 'Wonderfully-rested-and-ready'] } },
  { type: 'boolean' },
  { type: 'choice', options: { choices: ['Calm', 'Busy', 'Stressed-out-beyond-words-again', 'Tired', 'Happy'] } },
  { type: 'text' },
]

function valueOf(kind, day) {
  switch (kind.type) {
    case 'numeric':
      return 4 + ((day * 7) % 50) / 10
    case 'duration':
      return 1800 + ((day * 37) % 5400)
    case 'rating':
      return 1 + ((day * 3) % 5)
    case 'boolean':
      return day % 3 !== 0
    case 'choice':
      return kind.options.choices[(day * 7) % 5]
    default:
      return `Day ${day}: read https://example.org/a/very/long/path/without/any/spaces/${'x'.repeat(80)} and ${'w'.repeat(150)}`
  }
}

function yearOfTrackers() {
  return Array.from({ length: 20 }, (_, number) => {
    const kind = KINDS[number % KINDS.length]
    return {
      ...kind,
      name: `Tracker-number-${number + 1}-with-a-name-that-has-no-spaces-at-all`,
      icon: '💧',
      logs: Array.from({ length: 365 }, (_, day) => ({
        logged_at: iso(yearStart + day * DAY_MS + 20 * 60 * 60 * 1000),
        value: valueOf(kind, day),
      })),
    }
  })
}

describe('the report email', () => {
  let stack
  let browser
  let api

  before(async () => {
    stack = await startMailStack()
    browser = await launchChromium()
    api = apiClient(stack.url)
    await api.register('ada@example.org', 'correct horse battery', 'Ada', 'UTC')
    await api.call('PATCH', '/me', { reminders: { enabled: false, monthly_report: false } })
    const imported = await fetch(`${stack.url}/api/v1/imports`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', Authorization: `Bearer ${api.token}` },
      body: JSON.stringify({ format: 'qself', version: 1, trackers: yearOfTrackers() }),
    })
    const { job } = await imported.json()
    assert.equal(imported.status, 202, JSON.stringify(job))
    // The import is a job: the worker of the stack runs it.
    let done = job
    for (const deadline = Date.now() + 120_000; done.status !== 'done' && done.status !== 'failed';) {
      assert.ok(Date.now() < deadline, `the import did not finish: ${JSON.stringify(done)}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
      done = (await api.call('GET', `/jobs/${job.id}`)).job
    }
    assert.equal(done.result?.logs, 20 * 365, JSON.stringify(done))
  })

  after(async () => {
    await browser?.close()
    await stack?.stop()
  })

  /** Asks for the report of [from, to) and answers its email once maildev has it. */
  async function report(from, to) {
    const before = (await stack.emails()).length
    await api.call('POST', '/reports', { from: iso(from), to: iso(to) })
    const deadline = Date.now() + 60_000
    for (;;) {
      const emails = await stack.emails()
      if (emails.length > before) return emails[emails.length - 1]
      if (Date.now() > deadline) throw new Error(`no report email arrived\n${stack.output()}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  async function widthOnAPhone(html, name) {
    const context = await newContext(browser, { viewport: PHONE })
    try {
      const page = await context.newPage()
      await page.setContent(html, { waitUntil: 'load' })
      mkdirSync(OUT, { recursive: true })
      await page.screenshot({ path: path.join(OUT, `report-email-${name}-390.png`), fullPage: true })
      return await page.evaluate(() => document.documentElement.scrollWidth)
    } finally {
      await context.close()
    }
  }

  for (const [name, range] of [
    ['month', () => [monthStart, monthEnd]],
    ['year', () => [yearStart, monthEnd]],
  ]) {
    it(`the ${name}'s report fits a 390 px phone and is not clipped`, async () => {
      const email = await report(...range())
      assert.match(email.subject, /^Your qself report: /)
      assert.ok(
        Buffer.byteLength(email.html) < 100_000,
        `the HTML is ${Buffer.byteLength(email.html)} bytes; Gmail clips at about 102 KB`,
      )
      assert.ok(email.html.includes('Tracker-number-20'), 'every tracker is in it')
      const width = await widthOnAPhone(email.html, name)
      assert.ok(width <= PHONE.width, `the ${name}'s report is ${width} px wide at ${PHONE.width} px`)
    })
  }
})
