// End-to-end: importing files in Chromium, against the real qself server with
// a worker and Redis (support/mail_stack.mjs): imports run as background jobs.
// The file is sent once; the page follows the preview job, shows what would
// change, and "Import" commits the file the server kept.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { startMailStack } from './support/mail_stack.mjs'
import { accessibilityProblems, launchChromium, newContext, waitForText } from './support/browser.mjs'
import { TZ, daylioRow, localDate, localInstant } from './support/dates.mjs'
import { apiClient } from './support/api.mjs'
import { evidence } from './support/steps.mjs'

const PASSWORD = 'correct horse battery'

// A Daylio CSV export: moods become one choice tracker, activities yes/no
// trackers; line 4 has a date Daylio would never write. Its days, like those
// of the qself file below, are three weeks before the pinned today.
const DAYLIO_CSV = [
  'full_date,date,weekday,time,mood,activities,note_title,note',
  daylioRow(20, '21:00', 'good,reading | running,,A good day'),
  daylioRow(21, '20:30', 'meh,reading,,'),
  'someday,x,x,x,good,,,',
  '',
].join('\n')

// qself's own CSV export: Mood is already there (from Daylio), Water and Sleep are new.
const QSELF_CSV = [
  'tracker,type,unit,logged_at,value,note',
  `Water,numeric,glasses,${localInstant(localDate(20), '08:00')},3,`,
  `Water,numeric,glasses,${localInstant(localDate(19), '08:00')},5,Hot day`,
  `Mood,choice,,${localInstant(localDate(18), '21:00')},good,`,
  `Sleep,duration,,${localInstant(localDate(18), '07:00')},7:30,`,
  '',
].join('\r\n')

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })

let stack
let browser
let context
let page
const { step, shot } = evidence(() => ({ page, server: stack }))
let api

/** Picks a file in the import page's file input and waits for the preview. */
async function previewFile(file) {
  await page.getByLabel('Choose a file').setInputFiles(file)
  await page.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 30_000 })
}

/** The import table's rows as [name, type, action, logs, duplicates]. */
async function importRows() {
  return page
    .locator('table tbody tr')
    .evaluateAll((rows) =>
      rows.map((r) => [
        r.querySelector('.tracker-name').textContent.trim(),
        r.querySelector('.type').textContent.trim(),
        ...[...r.querySelectorAll('td')].map((td) => td.textContent.trim()),
      ]),
    )
}

const trackerNames = async () => (await api.call('GET', '/trackers')).items.map((t) => t.name).sort()

describe('importing files', { timeout: 300_000 }, () => {
  before(async () => {
    stack = await startMailStack()
    browser = await launchChromium()
    api = apiClient(stack.url)
    await api.register('ada@example.test', PASSWORD, 'Ada', TZ)
    await api.call('PATCH', '/me', { reminders: { enabled: false, monthly_report: false } })
    context = await newContext(browser, { timezoneId: TZ, locale: 'en-GB', viewport: { width: 1280, height: 900 } })
    context.setDefaultTimeout(15_000)
    await context.addInitScript((t) => localStorage.setItem('qself.token', t), api.token)
    page = await context.newPage()
  })

  after(async () => {
    await browser?.close().catch(() => undefined)
    await stack?.stop()
  })

  step('previews a Daylio CSV in a job, changing nothing, then imports the file the server kept', async () => {
    await page.goto(`${stack.url}/`)
    await page.getByRole('heading', { name: 'Create your first tracker' }).waitFor()
    await page.getByRole('link', { name: 'Import your data' }).click()
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor()

    // A file no importer knows: the job fails, and the page says why.
    await page
      .getByLabel('Choose a file')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello world\n') })
    const refused = page.getByRole('alert').filter({ hasText: 'This file could not be read.' })
    await refused.waitFor({ timeout: 30_000 })
    await waitForText(refused, /is not a format qself can import/i)
    await waitForText(refused, /notes\.txt/)

    const previewed = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v1/imports/preview'))
    await previewFile(csvFile('daylio_export.csv', DAYLIO_CSV))
    const request = await previewed
    assert.equal(request.headers()['content-type'], 'application/octet-stream')
    const queued = await (await request.response()).json()
    assert.equal((await request.response()).status(), 202)
    assert.deepEqual([queued.job.kind, queued.job.mode], ['import', 'preview'])
    await page.getByTestId('import-format').filter({ hasText: 'Daylio export' }).waitFor()
    await page.getByText('Adds 5 logs to 3 new trackers.').waitFor()
    assert.deepEqual(await importRows(), [
      ['Mood', 'Choice', 'Create', '2', '0'],
      ['reading', 'Yes / no', 'Create', '2', '0'],
      ['running', 'Yes / no', 'Create', '1', '0'],
    ])
    const problems = page.getByRole('region', { name: /1 row will be skipped/ })
    await waitForText(problems, /Line 4/)
    await waitForText(problems, /"someday" is not a date/)
    assert.deepEqual(await trackerNames(), [], 'a preview changes nothing')
    await shot('import-preview')

    // Import: the preview's file is committed by its job's id; no file is sent again.
    const committed = page.waitForRequest(
      (r) => r.method() === 'POST' && /\/api\/v1\/imports\/\d+\/commit$/.test(r.url()),
    )
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    const commit = await committed
    assert.equal(commit.url(), `${stack.url}/api/v1/imports/${queued.job.id}/commit`)
    assert.equal((await commit.response()).status(), 202)
    await page.getByRole('heading', { name: 'Import done' }).waitFor({ timeout: 30_000 })
    await page.getByText('Imported 5 logs into 3 new trackers.').waitFor()
    await shot('import-done')
    assert.deepEqual(await trackerNames(), ['Mood', 'reading', 'running'])

    await page.getByRole('link', { name: 'Go to your trackers' }).click()
    await page.getByRole('list', { name: 'Trackers' }).waitFor()
    for (const name of ['Mood', 'reading', 'running']) await page.getByRole('article', { name }).waitFor()
  })

  step('imports a qself CSV from Settings, then the same file again: everything reused, no new logs', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('region', { name: 'Your data' }).getByRole('link', { name: 'Import a file…' }).click()
    await page.getByRole('heading', { level: 1, name: 'Import data' }).waitFor()

    await previewFile(csvFile('qself-export.csv', QSELF_CSV))
    await page.getByTestId('import-format').filter({ hasText: 'qself export (CSV)' }).waitFor()
    assert.deepEqual(await importRows(), [
      ['Water', 'Number', 'Create', '2', '0'],
      ['Mood', 'Choice', 'Use existing', '1', '0'],
      ['Sleep', 'Duration', 'Create', '1', '0'],
    ])
    await page.getByText('Adds 4 logs to 3 trackers, 2 of them new.').waitFor()
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByText('Imported 4 logs into 3 trackers, 2 of them new.').waitFor({ timeout: 30_000 })
    const trackers = (await api.call('GET', '/trackers')).items
    assert.deepEqual(trackers.map((t) => t.name).sort(), ['Mood', 'Sleep', 'Water', 'reading', 'running'])
    const water = trackers.find((t) => t.name === 'Water')
    assert.equal((await api.call('GET', `/trackers/${water.id}/logs`)).items.length, 2)

    // The same file again: every tracker exists, every log is a duplicate.
    await page.getByRole('button', { name: 'Import another file' }).click()
    await previewFile(csvFile('qself-export.csv', QSELF_CSV))
    assert.deepEqual(await importRows(), [
      ['Water', 'Number', 'Use existing', '0', '2'],
      ['Mood', 'Choice', 'Use existing', '0', '1'],
      ['Sleep', 'Duration', 'Use existing', '0', '1'],
    ])
    await page.getByText('Nothing new: everything in this file is already here.').waitFor()
    await waitForText(page.getByRole('definition').nth(3), /^4$/) // duplicates skipped
    await page.getByRole('button', { name: 'Import', exact: true }).click()
    await page.getByText('Nothing new was imported: it was all here already.').waitFor({ timeout: 30_000 })
    assert.equal((await api.call('GET', '/trackers')).items.length, 5)
    assert.equal((await api.call('GET', `/trackers/${water.id}/logs`)).items.length, 2)
  })

  step('the preview fits a phone and has no serious accessibility problems, light and dark', async () => {
    const problems = []
    for (const colorScheme of ['light', 'dark']) {
      const audit = await newContext(browser, {
        bypassCSP: true,
        colorScheme,
        timezoneId: TZ,
        reducedMotion: 'reduce',
        viewport: { width: 390, height: 844 },
      })
      await audit.addInitScript((t) => localStorage.setItem('qself.token', t), api.token)
      const p = await audit.newPage()
      await p.goto(`${stack.url}/import`)
      await p.getByLabel('Choose a file').setInputFiles(csvFile('daylio_export.csv', DAYLIO_CSV))
      await p.getByRole('heading', { name: 'Preview' }).waitFor({ timeout: 30_000 })
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 0, `the import preview is ${overflow}px wider than the phone`)
      const table = await p.locator('.table-wrap').evaluate((w) => w.scrollWidth - w.clientWidth)
      assert.ok(table <= 0, `the import table scrolls sideways by ${table}px`)
      for (const problem of await accessibilityProblems(p)) problems.push(`${colorScheme} import preview: ${problem}`)
      await audit.close()
    }
    assert.deepEqual(problems, [])
  })
})
