// The one clock of a browser-suite or screenshots run. "Now" starts at a pinned
// instant, QSELF_TEST_NOW (default below), and runs at the real rate from there.
// The server gets the same pin (support/server.mjs), each browser context
// starts its clock at it (support/browser.mjs), and the test's own date helpers
// read it, so the three agree on "now" and no run depends on the real date.
//
// The default lies after every fixed date the suites use, so none of them is
// in the future; any other instant works as well (the suite is run at the turn
// of a year and on both daylight-saving days, see README.md).
export const DEFAULT_TEST_NOW = '2026-12-10T10:00:00Z'

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/

/**
 * A clock pinned at `text`: an RFC 3339 instant, optionally followed by
 * "@UNIX_SECONDS", the real second at which the clock reads that instant
 * (without it, the current second). The server reads the same form.
 */
export function pinnedClock(text = DEFAULT_TEST_NOW) {
  const [instant, anchorText, ...rest] = text.split('@')
  const start = Date.parse(instant)
  const anchorSeconds = anchorText === undefined ? Math.floor(Date.now() / 1000) : Number(anchorText)
  if (!RFC3339.test(instant) || Number.isNaN(start) || !Number.isInteger(anchorSeconds) || rest.length > 0) {
    throw new Error(`QSELF_TEST_NOW must be an RFC 3339 instant, optionally followed by @UNIX_SECONDS; got "${text}"`)
  }
  const anchor = anchorSeconds * 1000
  return {
    /** The pinned instant, as given. */
    instant,
    /** QSELF_TEST_NOW for a process that must agree with this clock to the second. */
    env: `${instant}@${anchorSeconds}`,
    /** Milliseconds since the epoch, as Date.now() would say on the pinned clock. */
    now: () => start + (Date.now() - anchor),
  }
}

export const clock = pinnedClock(process.env.QSELF_TEST_NOW || DEFAULT_TEST_NOW)
