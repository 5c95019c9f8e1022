// End-to-end: the installable, offline app shell. The built app's service
// worker (vite.config.ts, src/serviceWorker.ts) precaches every file of the
// build, so with no network a reload still opens the app and each route's page
// still renders, its chunk from the precache. The data shown is the last known
// (src/offline, kept in IndexedDB; e2e/outbox.test.mjs covers it and the outbox
// in depth), marked as such. Also: the manifest and its icons are what an
// install needs, and Chromium itself finds nothing missing.
import { after, before, describe } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { distDir, startServer } from './support/server.mjs'
import { launchChromium, launchPersistentChromium } from './support/browser.mjs'
import { apiClient } from './support/api.mjs'
import { evidence } from './support/steps.mjs'
import { TZ } from './support/dates.mjs'

let server
let browser
let context
let page
const { step } = evidence(() => ({ page, server }), { prefix: 'offline-' })
let trackerId
const failedAssets = []

/** Width and height from a PNG's IHDR chunk; throws on anything that is not a PNG. */
function pngSize(bytes) {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  assert.ok(bytes.subarray(0, 8).equals(signature), 'a PNG signature')
  assert.equal(bytes.subarray(12, 16).toString('latin1'), 'IHDR')
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`
}

/**
 * A navigation inside the app, as the browser's back and forward buttons make
 * one (vue-router follows popstate): no page load, so the route's chunk comes
 * from wherever the running app fetches it.
 */
async function clientSideGo(path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p)
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }))
  }, path)
}

const mainNav = () => page.getByRole('navigation', { name: 'Main' })

describe('offline app shell and installability', { timeout: 180_000 }, () => {
  before(async () => {
    server = await startServer()
    const api = apiClient(server.url)
    await api.register('offline@example.test', 'correct horse battery', 'Ollie', TZ)
    trackerId = (await api.call('POST', '/trackers', { name: 'Water', type: 'numeric', unit: 'glasses' })).id
    browser = await launchChromium()
    // Not newContext(): the pinned clock would fake performance.now, which measures the offline reload here.
    context = await browser.newContext({ viewport: { width: 1024, height: 800 } })
    await context.addInitScript((token) => {
      if (!localStorage.getItem('qself.token')) localStorage.setItem('qself.token', token)
    }, api.token)
    page = await context.newPage()
    page.on('requestfailed', (r) => {
      if (new URL(r.url()).pathname.startsWith('/assets/')) failedAssets.push(`${r.url()} ${r.failure()?.errorText}`)
    })
  })

  after(async () => {
    await context?.close()
    await browser?.close()
    await server?.stop()
  })

  step('serves the service worker uncached and the manifest as a manifest', async () => {
    const sw = await fetch(`${server.url}/sw.js`)
    assert.equal(sw.status, 200)
    assert.match(sw.headers.get('content-type'), /^text\/javascript/)
    assert.equal(sw.headers.get('cache-control'), 'no-cache')
    const manifest = await fetch(`${server.url}/manifest.webmanifest`)
    assert.equal(manifest.status, 200)
    assert.match(manifest.headers.get('content-type'), /^application\/manifest\+json/)
    // Page navigations to the API are never answered with the app (the worker's denylist mirrors this).
    assert.equal((await fetch(`${server.url}/api/v1/no-such-route`)).status, 404)
  })

  step('the manifest has what an install needs, and every icon is the size it declares', async () => {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json()
    assert.equal(manifest.name, 'qself')
    assert.ok(manifest.short_name)
    assert.ok(manifest.description)
    assert.equal(manifest.start_url, '/')
    assert.equal(manifest.scope, '/')
    assert.equal(manifest.display, 'standalone')
    assert.match(manifest.theme_color, /^#[0-9a-f]{6}$/i)
    assert.match(manifest.background_color, /^#[0-9a-f]{6}$/i)
    assert.ok(manifest.shortcuts.length >= 1)

    const icons = [...manifest.icons, ...manifest.shortcuts.flatMap((s) => s.icons ?? [])]
    for (const icon of icons) {
      const r = await fetch(new URL(icon.src, server.url))
      assert.equal(r.status, 200, icon.src)
      assert.equal(r.headers.get('content-type'), icon.type, icon.src)
      assert.equal(pngSize(Buffer.from(await r.arrayBuffer())), icon.sizes, icon.src)
    }
    const sizes = (purpose) => manifest.icons.filter((i) => (i.purpose ?? 'any').split(' ').includes(purpose))
    assert.deepEqual(
      sizes('any')
        .map((i) => i.sizes)
        .sort(),
      ['192x192', '512x512'],
    )
    assert.deepEqual(
      sizes('maskable').map((i) => i.sizes),
      ['512x512'],
    )

    const html = await (await fetch(`${server.url}/`)).text()
    assert.match(html, /<link rel="manifest" href="\/manifest\.webmanifest"/)
    assert.match(html, /<meta name="theme-color" content="#[0-9a-f]{6}"/i)
    const touchIcon = /<link rel="apple-touch-icon" href="([^"]+)"/.exec(html)?.[1]
    assert.ok(touchIcon, 'an apple-touch-icon link')
    const apple = await fetch(new URL(touchIcon, server.url))
    assert.equal(pngSize(Buffer.from(await apple.arrayBuffer())), '180x180')
  })

  step('opens online, and the service worker takes control with the whole build precached', async () => {
    await page.goto(`${server.url}/`)
    await page.getByRole('article', { name: 'Water' }).waitFor()
    await page.evaluate(() => navigator.serviceWorker.ready)
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null)

    const cached = await page.evaluate(async () => {
      const urls = []
      for (const name of await caches.keys()) {
        for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname)
      }
      return urls
    })
    const built = readdirSync(path.join(distDir, 'assets')).map((f) => `/assets/${f}`)
    assert.ok(built.some((f) => /TrackerView-.*\.js$/.test(f)) && built.some((f) => /SettingsView-.*\.js$/.test(f)))
    const missing = [...built, '/index.html', '/manifest.webmanifest', '/icon-192.png'].filter(
      (f) => !cached.includes(f),
    )
    assert.deepEqual(missing, [], 'every built file is in the precache')
    assert.ok(!cached.some((u) => u.startsWith('/api/')), 'no API answer is cached')
  })

  step('Chromium finds the app installable: a manifest without errors', async () => {
    // A profile on disk: Chromium never installs from an incognito-like context.
    const profile = mkdtempSync(path.join(tmpdir(), 'qself-e2e-profile-'))
    const installing = await launchPersistentChromium(profile, { viewport: { width: 1024, height: 800 } })
    try {
      const p = installing.pages()[0] ?? (await installing.newPage())
      await p.goto(`${server.url}/login`)
      await p.evaluate(() => navigator.serviceWorker.ready)
      await p.waitForFunction(() => navigator.serviceWorker.controller !== null)
      const cdp = await installing.newCDPSession(p)
      const app = await cdp.send('Page.getAppManifest')
      assert.equal(new URL(app.url).pathname, '/manifest.webmanifest')
      assert.deepEqual(app.errors, [])
      const installability = await cdp.send('Page.getInstallabilityErrors').catch((e) => ({ unsupported: e.message }))
      if ('unsupported' in installability) {
        console.log(`Page.getInstallabilityErrors is not available here: ${installability.unsupported}`)
      } else {
        assert.deepEqual(installability.installabilityErrors, [])
      }
    } finally {
      await installing.close()
      rmSync(profile, { recursive: true, force: true })
    }
  })

  step('with no network and no service worker, the same reload fails (the test can tell)', async () => {
    const bare = await browser.newContext({ serviceWorkers: 'block' })
    try {
      const p = await bare.newPage()
      await p.goto(`${server.url}/`)
      await bare.setOffline(true)
      await assert.rejects(p.reload(), /ERR_INTERNET_DISCONNECTED/)
    } finally {
      await bare.close()
    }
  })

  step('offline, a reload opens the app shell and the dashboard page', async () => {
    await context.setOffline(true)
    // The page itself is offline: an API call fails.
    assert.equal(
      await page.evaluate(() =>
        fetch('/api/v1/health').then(
          () => 'answered',
          () => 'failed',
        ),
      ),
      'failed',
    )

    await page.reload({ waitUntil: 'commit' })
    // Checked on every frame: the first frame with the dashboard's heading, in ms after navigation start.
    const headingAt = await (
      await page.waitForFunction(() => document.querySelector('main h1, #app h1') && performance.now(), null, {
        polling: 'raf',
      })
    ).jsonValue()
    await page.getByRole('link', { name: 'qself, dashboard' }).waitFor()
    await page.getByRole('heading', { level: 1 }).waitFor()
    // The last known trackers, marked as what was last loaded.
    await page.getByRole('article', { name: 'Water' }).waitFor()
    await page
      .getByRole('status')
      .filter({ hasText: /^Offline — showing what was last loaded at/ })
      .waitFor()
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0]
      return {
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        fromWorker: nav.workerStart > 0,
      }
    })
    assert.ok(timing.fromWorker, 'the service worker answered the reload')
    console.log(
      `offline reload: DOMContentLoaded ${timing.domContentLoaded.toFixed(0)} ms, load ${timing.load.toFixed(0)} ms, ` +
        `dashboard heading on screen at ${headingAt.toFixed(0)} ms after navigation start`,
    )
    await page.evaluate(() => {
      window.__sameDocument = true
    })
  })

  step('offline, moving between pages renders each page from the precache', async () => {
    await clientSideGo(`/trackers/${trackerId}`)
    await page.getByRole('link', { name: 'All trackers' }).waitFor()
    // The tracker as last known; what was never loaded (its statistics) says it could not load.
    await page.getByRole('heading', { level: 1, name: 'Water' }).waitFor()
    await page.getByRole('alert').filter({ hasText: 'Could not load the statistics' }).waitFor()

    await mainNav().getByRole('link', { name: 'Settings' }).click()
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()

    await mainNav().getByRole('link', { name: 'Trackers' }).click()
    await page.getByRole('article', { name: 'Water' }).waitFor()

    await page.getByRole('link', { name: 'New tracker' }).click()
    await page.getByRole('heading', { level: 1, name: 'New tracker' }).waitFor()

    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page load happened')
    assert.deepEqual(failedAssets, [], 'no chunk failed to load')
  })

  step('offline, a deep link opens its page too', async () => {
    await page.goto(`${server.url}/settings`)
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor()
    assert.deepEqual(failedAssets, [])
  })

  step('back online, the data loads again', async () => {
    await context.setOffline(false)
    await page.goto(`${server.url}/`)
    await page.getByRole('article', { name: 'Water' }).waitFor()
  })
})
