// Debian's Chromium driven by playwright-core (no browser download here).
import { chromium } from 'playwright-core'
import { clock } from './clock.mjs'

const launchOptions = () => ({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
})

export function launchChromium() {
  return chromium.launch(launchOptions())
}

/**
 * One browser context with a profile on disk in `userDataDir`: what Chromium
 * needs to judge an app installable (it never installs from an incognito-like
 * context, which is what launchChromium's contexts are).
 */
export function launchPersistentChromium(userDataDir, options = {}) {
  return chromium.launchPersistentContext(userDataDir, { ...launchOptions(), ...options })
}

/**
 * A browser context whose pages run on the pinned clock (support/clock.mjs):
 * Date, Intl and timers start at its now and run with real time, and a test
 * can stop them and run them by hand (context.clock, page.clock).
 */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext(options)
  await context.clock.install({ time: clock.now() })
  return context
}

/** Resolves once the locator's text matches; fails after the timeout with what it saw. */
export async function waitForText(locator, pattern, timeout = 10_000) {
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ state: 'visible', timeout })
  } catch (e) {
    const seen = await locator
      .first()
      .innerText({ timeout: 500 })
      .catch(() => '(nothing)')
    throw new Error(`Expected text ${pattern} not found. Saw:\n${seen}\n${e.message}`, { cause: e })
  }
}

/**
 * Runs axe-core on the page and returns the serious and critical violations,
 * each as "rule: target (summary)". The page's context needs `bypassCSP: true`,
 * as the server's Content-Security-Policy rightly refuses injected scripts.
 */
export async function accessibilityProblems(page) {
  const { createRequire } = await import('node:module')
  const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] })
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`),
    }))
  })
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n}`))
}

/**
 * Logs in through the login form, waits for `landmark` (a locator on the
 * page signed in to), then for the service worker to control the page.
 */
export async function logInWithServiceWorker(page, url, email, password, landmark) {
  await page.goto(`${url}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await landmark(page).waitFor()
  await page.evaluate(() => navigator.serviceWorker.ready)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
}

/**
 * Reads the app's IndexedDB store (src/offline/db.ts) in `page`: every key
 * (as text) with `{ keys: true }`, or the value under `{ key }` (undefined
 * when none).
 */
export function readOfflineStore(page, query) {
  return page.evaluate(
    (q) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('qself-offline')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const store = open.result.transaction('kv').objectStore('kv')
          const request = q.keys ? store.getAllKeys() : store.get(q.key)
          request.onsuccess = () => {
            open.result.close()
            resolve(q.keys ? request.result.map(String) : request.result)
          }
          request.onerror = () => reject(request.error)
        }
      }),
    query,
  )
}
