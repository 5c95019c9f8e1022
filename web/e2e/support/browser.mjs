// Debian's Chromium driven by playwright-core (no browser download here).
import { chromium } from 'playwright-core'

export function launchChromium() {
  return chromium.launch({
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
    throw new Error(`Expected text ${pattern} not found. Saw:\n${seen}\n${e.message}`)
  }
}
