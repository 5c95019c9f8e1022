// Seeds a realistic account through the API (trackers of every type, four
// months of logs) on a fresh server, and saves screenshots of the dashboard
// and a tracker page, desktop and phone, the phone dashboard as a list, the
// day view, the Insights page, and Settings' notifications card beside a rendering of the
// notification the service worker showed, into docs/screenshots/. Server and
// browser run on the pinned clock (support/clock.mjs), so every run draws the
// same months.
import { mkdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { apiClient } from './support/api.mjs'
import { launchChromium, newContext } from './support/browser.mjs'
import { clock } from './support/clock.mjs'
import { deliverPush, standInPushManager, subscriptionKeys } from './support/push.mjs'
import { distDir, startServer, webRoot } from './support/server.mjs'

// SCREENSHOTS_DIR writes the four README shots elsewhere (e.g. for a review that must not touch docs/).
const OUT = process.env.SCREENSHOTS_DIR
  ? path.resolve(process.env.SCREENSHOTS_DIR)
  : path.resolve(webRoot, '../docs/screenshots')
const TZ = 'Europe/Paris'
const DAYS = 120

// A small seeded generator, so every run draws the same story.
let state = 20261128
function rand() {
  state = (state + 0x6d2b79f5) | 0
  let t = Math.imul(state ^ (state >>> 15), 1 | state)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const between = (a, b) => a + rand() * (b - a)
const chance = (p) => rand() < p
const pick = (list, weights) => {
  let r = rand() * weights.reduce((a, b) => a + b, 0)
  for (let i = 0; i < list.length; i++) if ((r -= weights[i]) < 0) return list[i]
  return list[list.length - 1]
}

function offsetMinutes(ms) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: TZ,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(new Date(ms))
      .filter((x) => x.type !== 'literal')
      .map((x) => [x.type, Number(x.value)]),
  )
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - Math.floor(ms / 60000) * 60000) / 60000
}

/** The user's calendar day `daysAgo` days back, as a wall-clock time read as UTC. */
function localDay(daysAgo, hour = 0, minute = 0) {
  const now = clock.now()
  const todayLocal = new Date(now + offsetMinutes(now) * 60000)
  return Date.UTC(
    todayLocal.getUTCFullYear(),
    todayLocal.getUTCMonth(),
    todayLocal.getUTCDate() - daysAgo,
    hour,
    minute,
  )
}

/** RFC 3339 (UTC) for a wall-clock time `daysAgo` days back in the user's zone, never later than a minute ago. */
function at(daysAgo, hour, minute = 0) {
  const guess = localDay(daysAgo, hour, minute)
  const ms = guess - offsetMinutes(guess) * 60000
  return new Date(Math.min(ms, clock.now() - 60_000)).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

const TRACKERS = [
  {
    name: 'Water',
    icon: '💧',
    type: 'numeric',
    unit: 'glasses',
    color: '#2563eb',
    options: { decimals: 0, min: 0 },
    target: { op: 'at_least', value: 8 },
  },
  {
    name: 'Sleep',
    icon: '😴',
    type: 'duration',
    color: '#4f46e5',
    target: { op: 'at_least', value: 27000 },
    description: 'Time asleep, from the watch.',
  },
  {
    name: 'Mood',
    icon: '😊',
    type: 'choice',
    color: '#d97706',
    options: { choices: ['awful', 'bad', 'ok', 'good', 'great'] },
  },
  { name: 'Vitamin D', icon: '💊', type: 'boolean', color: '#16a34a' },
  {
    name: 'Weight',
    icon: '⚖️',
    type: 'numeric',
    unit: 'kg',
    color: '#0891b2',
    options: { decimals: 1, min: 30, max: 250 },
  },
  {
    name: 'Energy',
    icon: '⚡',
    type: 'rating',
    color: '#ea580c',
    options: { scale: 5, labels: ['drained', 'low', 'okay', 'good', 'buzzing'] },
  },
  {
    name: 'Workout',
    icon: '🏃',
    type: 'boolean',
    frequency: 'weekly',
    color: '#dc2626',
    target: { op: 'at_least', value: 3 },
  },
  {
    name: 'Coffee',
    icon: '☕',
    type: 'numeric',
    unit: 'cups',
    color: '#a16207',
    options: { decimals: 0, min: 0 },
    target: { op: 'at_most', value: 2 },
  },
  { name: 'Meditation', icon: '🧘', type: 'duration', color: '#0d9488', target: { op: 'at_least', value: 600 } },
  {
    name: 'Reading',
    icon: '📖',
    type: 'numeric',
    unit: 'pages',
    frequency: 'weekly',
    color: '#9333ea',
    options: { decimals: 0, min: 0 },
    target: { op: 'at_least', value: 100 },
  },
  { name: 'Focus', icon: '🎯', type: 'rating', color: '#db2777', options: { scale: 10 } },
  {
    name: 'Weather',
    icon: '⛅',
    type: 'choice',
    color: '#65a30d',
    options: { choices: ['sunny', 'cloudy', 'rain', 'snow'] },
  },
  { name: 'Journal', icon: '📝', type: 'text', color: '#475569', description: 'One line a day.' },
  { name: 'Gratitude', icon: '🙏', type: 'text', frequency: 'weekly', color: '#4f46e5' },
]

const JOURNAL = [
  'Long walk by the river after work.',
  'Slow morning, good coffee, finished the report.',
  'Dinner with Sam and Priya.',
  'Rainy day, stayed in and read.',
  'Ran 5 km without stopping for the first time.',
  'Too many meetings. Early night.',
  'Fixed the bike and rode to the market.',
  'Called mum. Planned the trip in March.',
]
const THANKS = ['A friend who listens', 'Sunshine on the commute', 'A quiet weekend', 'Good health', 'The new library']

/** Logs to write: [trackerName, value, logged_at, note?]. */
function story() {
  const logs = []
  let weight = 78.6
  for (let d = DAYS; d >= 0; d--) {
    const weekend = [0, 6].includes(new Date(localDay(d)).getUTCDay())
    const today = d === 0
    // Water: a few logs a day, usually near the target.
    if (chance(0.93)) {
      let total = Math.round(between(5, 11) + (d < 40 ? 1 : 0))
      if (today) total = 5
      const first = Math.min(total, Math.round(between(2, 4)))
      const parts = [first, total - first]
      parts.forEach((v, i) => v > 0 && logs.push(['Water', v, at(d, 9 + i * 6, Math.floor(between(0, 59)))]))
    }
    const sleep = Math.round(between(5.9, 8.6) * 60 + (weekend ? 35 : 0)) * 60
    if (!today && chance(0.96)) logs.push(['Sleep', sleep, at(d, 7, 20)])
    const mood = pick(['awful', 'bad', 'ok', 'good', 'great'], sleep > 26000 ? [1, 2, 5, 9, 5] : [2, 5, 8, 5, 1])
    if (chance(0.9)) logs.push(['Mood', mood, at(d, 21, 10)])
    if (chance(0.95)) logs.push(['Vitamin D', chance(0.9), at(d, 8, 5)])
    weight += between(-0.25, 0.19)
    if (chance(0.75)) logs.push(['Weight', Math.round(weight * 10) / 10, at(d, 7, 35)])
    if (!today && chance(0.9)) logs.push(['Energy', Math.round(between(1.6, 5.4)) || 1, at(d, 15, 30)])
    if (chance(weekend ? 0.6 : 0.45) && !today) logs.push(['Workout', true, at(d, 18, 30)])
    const cups = Math.round(between(0.6, 3.4))
    if (cups > 0) logs.push(['Coffee', cups, at(d, 16, 15)])
    if (chance(0.7) && !today) logs.push(['Meditation', Math.round(between(5, 25)) * 60, at(d, 6, 50)])
    if (chance(0.75)) logs.push(['Reading', Math.round(between(8, 45)), at(d, 22, 15)])
    if (chance(0.8) && !today)
      logs.push(['Focus', Math.min(10, Math.max(1, Math.round(between(3, 10.4)))), at(d, 17, 0)])
    logs.push([
      'Weather',
      pick(['sunny', 'cloudy', 'rain', 'snow'], d > 60 ? [2, 4, 4, 1] : [3, 4, 3, 0]),
      at(d, 12, 0),
    ])
    if (chance(0.55)) logs.push(['Journal', JOURNAL[Math.floor(rand() * JOURNAL.length)], at(d, 22, 40)])
    if (d % 7 === 0 && chance(0.8)) logs.push(['Gratitude', THANKS[Math.floor(rand() * THANKS.length)], at(d, 20, 0)])
  }
  logs.push(['Sleep', 7 * 3600 + 50 * 60, at(0, 7, 25), 'Slept through, no alarm.'])
  return logs
}

async function pool(items, size, fn) {
  let i = 0
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (i < items.length) await fn(items[i++])
    }),
  )
}

async function seedAccount(url) {
  const api = apiClient(url)
  await api.register('sam@example.test', 'a long example password', 'Sam Rivera', TZ)
  const ids = {}
  for (const t of TRACKERS) {
    const created = await api.call('POST', '/trackers', {
      frequency: 'daily',
      options: {},
      description: '',
      unit: '',
      ...t,
    })
    ids[t.name] = created.id
  }
  const logs = story()
  await pool(logs, 8, ([name, value, loggedAt, note]) =>
    api.call('POST', `/trackers/${ids[name]}/logs`, { value, logged_at: loggedAt, ...(note ? { note } : {}) }),
  )
  return { token: api.token, ids, count: logs.length }
}

// For the import page's review shots: a Daylio export whose mood and one
// activity match trackers of the account, with a few rows it cannot read.
const DAYLIO_REVIEW = [
  'full_date,date,weekday,time,mood,activities,note_title,note',
  ...Array.from({ length: 40 }, (_, i) => {
    const d = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10)
    return `${d},x,x,21:00,${['good', 'ok', 'great', 'bad'][i % 4]},${i % 3 ? 'Workout | cooking' : 'friends'},,`
  }),
  ...Array.from({ length: 8 }, (_, i) => `2025-02-3${i},x,x,21:00,good,,,`),
  '',
].join('\n')

async function importPreview(page) {
  await page
    .getByLabel('Choose a file')
    .setInputFiles({ name: 'daylio_export_2025.csv', mimeType: 'text/csv', buffer: Buffer.from(DAYLIO_REVIEW) })
  await page.getByRole('heading', { name: 'Preview' }).waitFor()
}

async function settle(page) {
  await page.getByRole('heading', { level: 1 }).first().waitFor()
  await page.waitForFunction(() => document.querySelectorAll('.skeleton, [aria-busy="true"]').length === 0, null, {
    timeout: 15_000,
  })
  await page.evaluate(() => document.fonts.ready)
}

async function main() {
  mkdirSync(OUT, { recursive: true })
  const server = await startServer()
  const browser = await launchChromium()
  try {
    const { token, ids, count } = await seedAccount(server.url)
    console.log(`seeded ${TRACKERS.length} trackers and ${count} logs`)
    const shots = [
      { file: 'dashboard-desktop.png', where: '/', viewport: { width: 1280, height: 900 }, scale: 1 },
      {
        file: 'tracker-desktop.png',
        where: `/trackers/${ids.Sleep}`,
        viewport: { width: 1280, height: 900 },
        scale: 1,
      },
      {
        file: 'dashboard-phone.png',
        where: '/',
        viewport: { width: 390, height: 844 },
        scale: 1,
        mobile: true,
        screen: true,
      },
      {
        file: 'tracker-phone.png',
        where: `/trackers/${ids.Sleep}`,
        viewport: { width: 390, height: 844 },
        scale: 1,
        mobile: true,
        screen: true,
      },
      {
        file: 'dashboard-phone-list.png',
        where: '/',
        viewport: { width: 390, height: 844 },
        scale: 1,
        mobile: true,
        screen: true,
        storage: { 'qself.dashboard.view': 'list' },
      },
      { file: 'day-desktop.png', where: '/day', viewport: { width: 1280, height: 900 }, scale: 1 },
      { file: 'insights-desktop.png', where: '/insights', viewport: { width: 1280, height: 900 }, scale: 1 },
    ]
    // REVIEW=1 also shoots the other pages, phone and desktop, light and dark,
    // into e2e/output/ for a look before a release (not committed).
    if (process.env.REVIEW) {
      const review = path.join(webRoot, 'e2e', 'output')
      for (const scheme of ['light', 'dark']) {
        for (const [name, where, extra = {}] of [
          ['mood', `/trackers/${ids.Mood}`],
          ['meds', `/trackers/${ids['Vitamin D']}`],
          ['weight', `/trackers/${ids.Weight}`],
          ['edit', `/trackers/${ids.Energy}/edit`],
          ['new', '/trackers/new'],
          ['settings', '/settings'],
          ['dashboard', '/'],
          ['tracker', `/trackers/${ids.Sleep}`],
          ['insights', '/insights'],
          ['import', '/import'],
          ['import-preview', '/import', { prepare: importPreview }],
          [
            'settings-token',
            '/settings',
            {
              prepare: async (page) => {
                await page.getByLabel('New token name').fill('Home Assistant')
                await page.getByRole('button', { name: 'Create token' }).click()
                await page.getByLabel('Token', { exact: true }).waitFor()
                await page.getByRole('region', { name: 'Personal API tokens' }).scrollIntoViewIfNeeded()
              },
            },
          ],
          [
            'settings-delete',
            '/settings',
            {
              prepare: async (page) => {
                await page.getByRole('button', { name: 'Delete my account…' }).click()
                await page.getByRole('button', { name: 'Export your data first' }).click()
                await page.getByRole('dialog').getByText('Export queued').waitFor()
              },
              screen: true,
            },
          ],
          ['login', '/login', { guest: true }],
          [
            'forgot',
            '/forgot-password',
            {
              guest: true,
              prepare: async (page) => {
                await page.getByLabel('Email').fill('sam@example.test')
                await page.getByRole('button', { name: 'Send me a link' }).click()
                await page.getByText('Check your inbox').waitFor()
              },
            },
          ],
          ['reset', '/reset-password?token=abc', { guest: true }],
          // Last, as it adds trackers (the first shot shows a real import; the next ones "nothing new").
          [
            'import-done',
            '/import',
            {
              prepare: async (page) => {
                await importPreview(page)
                await page.getByRole('button', { name: 'Import', exact: true }).click()
                await page.getByRole('heading', { name: 'Import done' }).waitFor()
              },
            },
          ],
        ]) {
          for (const [device, viewport] of [
            ['desktop', { width: 1280, height: 900 }],
            ['phone', { width: 390, height: 844 }],
          ]) {
            shots.push({
              file: `${name}-${device}-${scheme}.png`,
              where,
              viewport,
              scale: 1,
              scheme,
              dir: review,
              screen: device === 'phone' && name === 'dashboard',
              ...extra,
            })
          }
        }
      }
    }
    for (const s of shots) {
      const context = await newContext(browser, {
        viewport: s.viewport,
        deviceScaleFactor: s.scale,
        isMobile: !!s.mobile,
        hasTouch: !!s.mobile,
        timezoneId: TZ,
        locale: 'en-GB',
        colorScheme: s.scheme === 'dark' ? 'dark' : 'light',
        reducedMotion: 'reduce',
      })
      if (!s.guest) await context.addInitScript((t) => localStorage.setItem('qself.token', t), token)
      if (s.storage) {
        await context.addInitScript((entries) => {
          for (const [key, value] of Object.entries(entries)) localStorage.setItem(key, value)
        }, s.storage)
      }
      const page = await context.newPage()
      await page.goto(`${server.url}${s.where}`)
      await settle(page)
      if (s.prepare) {
        await s.prepare(page)
        await settle(page)
      }
      mkdirSync(s.dir ?? OUT, { recursive: true })
      const file = path.join(s.dir ?? OUT, s.file)
      // A phone shot is what the screen shows; a desktop shot is the whole page.
      await page.screenshot({ path: file, fullPage: !s.screen })
      console.log(`saved ${path.relative(path.resolve(webRoot, '..'), file)}`)
      await context.close()
    }
    await notificationShot(browser, server, token, ids)
  } finally {
    await browser.close()
    await server.stop()
  }
}

const escape = (text) =>
  String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c])

/**
 * Headless Chromium draws no system notification. This shot puts the Settings
 * card (notifications on, this device and a phone listed) beside a drawing of
 * the notification the app's service worker really showed for a delivered
 * reminder: title, body, icon and buttons as read back from
 * registration.getNotifications(), captioned as a rendering.
 */
async function notificationShot(browser, server, token, ids) {
  const keys = subscriptionKeys()
  const authed = (method, p, body) =>
    fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  await authed('POST', '/push/subscriptions', {
    endpoint: 'https://fcm.googleapis.com/fcm/send/qself-screenshot-phone',
    keys: subscriptionKeys().json,
    label: 'Chrome on Android',
  })
  const context = await newContext(browser, {
    viewport: { width: 1280, height: 900 },
    timezoneId: TZ,
    locale: 'en-GB',
    reducedMotion: 'reduce',
  })
  await context.grantPermissions(['notifications'], { origin: server.url })
  await context.addInitScript((t) => localStorage.setItem('qself.token', t), token)
  await context.addInitScript(standInPushManager, {
    endpoint: 'https://fcm.googleapis.com/fcm/send/qself-screenshot-laptop',
    ...keys.json,
  })
  const page = await context.newPage()
  await page.goto(`${server.url}/settings`)
  await settle(page)
  await page.evaluate(() => navigator.serviceWorker.ready)
  const card = page.getByRole('region', { name: 'Notifications on this device' })
  await card.getByRole('switch', { name: 'Show reminders on this device' }).click()
  await card.getByText('This device', { exact: true }).waitFor()
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await page.waitForFunction(() => !document.querySelector('.toast-close'))
  const cardPng = await card.screenshot()

  // A reminder as the server words one for a single yes/no tracker (server/src/services/push_service.cpp).
  const payload = {
    v: 1,
    kind: 'reminder',
    title: 'Vitamin D',
    body: 'Time to log it (08:00 reminder)',
    tag: 'qself-reminder-2026-12-10T08:00',
    url: `/trackers/${ids['Vitamin D']}`,
    token: 'screenshot',
    trackers: [{ id: ids['Vitamin D'], name: 'Vitamin D', type: 'boolean', actions: [{ title: 'Yes', value: true }] }],
  }
  await deliverPush(context, page, server.url, JSON.stringify(payload))
  await page.waitForFunction(async () => (await (await navigator.serviceWorker.ready).getNotifications()).length > 0)
  const [shown] = await page.evaluate(async () =>
    (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      icon: new URL(n.icon).pathname,
      actions: n.actions.map((a) => a.title),
    })),
  )
  await context.close()

  const icon = readFileSync(path.join(distDir, shown.icon.replace(/^\//, ''))).toString('base64')
  const render = await newContext(browser, { viewport: { width: 1100, height: 600 }, deviceScaleFactor: 1 })
  const p = await render.newPage()
  await p.setContent(`<!doctype html><meta charset="utf-8"><style>
    body { margin: 0; padding: 32px; background: #f4f5f8; font: 14px/1.4 system-ui, sans-serif; color: #1f2330; }
    .row { display: flex; gap: 40px; align-items: flex-start; }
    .card { width: 560px; border-radius: 12px; }
    .side { display: flex; flex-direction: column; gap: 12px; width: 380px; padding-top: 24px; }
    .note { background: #2b2d31; color: #f1f1f3; border-radius: 14px; padding: 14px 16px; box-shadow: 0 8px 24px rgb(0 0 0 / .25); }
    .head { display: flex; gap: 12px; align-items: flex-start; }
    .head img { width: 40px; height: 40px; border-radius: 8px; }
    .app { font-size: 12px; color: #b7b9c2; }
    .title { font-weight: 650; font-size: 15px; }
    .body { color: #dcdde2; }
    .actions { display: flex; gap: 8px; margin-top: 12px; }
    .actions span { flex: 1; text-align: center; padding: 7px 10px; border-radius: 8px; background: #3d4046; font-weight: 600; }
    .caption { font-size: 12px; color: #5d6273; }
  </style><div class="row"><img class="card" src="data:image/png;base64,${cardPng.toString('base64')}" alt="">
  <div class="side"><div class="note"><div class="head"><img src="data:image/png;base64,${icon}" alt="">
  <div><div class="app">qself · now</div><div class="title">${escape(shown.title)}</div>
  <div class="body">${escape(shown.body)}</div></div></div>
  <div class="actions">${shown.actions.map((a) => `<span>${escape(a)}</span>`).join('')}</div></div>
  <p class="caption">A rendering of the notification the app's service worker showed for a delivered reminder:
  its title, text, icon and buttons as read back from <code>registration.getNotifications()</code>
  (headless Chromium draws no system notification). “Yes” logs it without opening the app; “Log…” opens the tracker.</p>
  </div></div>`)
  const box = await p.locator('.row').boundingBox()
  const file = path.join(OUT, 'notification.png')
  await p.screenshot({ path: file, clip: { x: 0, y: 0, width: 1100, height: Math.ceil(box.y + box.height + 32) } })
  console.log(`saved ${path.relative(path.resolve(webRoot, '..'), file)}`)
  await render.close()
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
