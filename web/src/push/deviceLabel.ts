// A device's name in the list of devices that get notifications: the browser
// and the system, from the user agent ("Chrome on Android", "Firefox on
// Linux"), as a person would recognise it. At most 100 characters, one line.
// A webhook is known by its server's host instead.
import type { PushDevice } from '@/api/types'

const BROWSERS: Array<[RegExp, string]> = [
  [/\bEdg(e|A|iOS)?\//, 'Edge'],
  [/\bOPR\/|\bOpera\b/, 'Opera'],
  [/\bSamsungBrowser\//, 'Samsung Internet'],
  [/\bFirefox\/|\bFxiOS\//, 'Firefox'],
  [/\bVivaldi\//, 'Vivaldi'],
  [/\bChromium\//, 'Chromium'],
  [/\bHeadlessChrome\//, 'Chromium'],
  [/\bChrome\/|\bCriOS\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
]

const SYSTEMS: Array<[RegExp, string]> = [
  [/\biPhone\b/, 'iPhone'],
  [/\biPad\b/, 'iPad'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b|\bX11\b/, 'Linux'],
]

export function deviceLabel(userAgent: string): string {
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1]
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1]
  const label = browser && system ? `${browser} on ${system}` : (browser ?? system ?? 'This browser')
  return label.slice(0, 100)
}

/**
 * A webhook's server as the list shows it: the host and port of its URL, never
 * the URL itself, which may hold a secret (Gotify's `?token=…`).
 */
export function webhookHost(device: Pick<PushDevice, 'origin' | 'endpoint'>): string {
  for (const text of [device.origin, device.endpoint]) {
    try {
      return new URL(text).host
    } catch {
      // Not a URL: try the next, else say nothing of it.
    }
  }
  return 'a webhook'
}
