// Dates on the pinned clock in the browser suites' user zone (Europe/Paris),
// shared by the specs that log or import at "n days ago".
import { clock } from './clock.mjs'

export const TZ = 'Europe/Paris'

export function pad(n) {
  return String(n).padStart(2, '0')
}

/** The user's date `days` days before today, 'YYYY-MM-DD' (calendar days, whatever their length). */
export function localDate(days = 0) {
  const today = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(clock.now())
      .map((p) => [p.type, p.value]),
  )
  return new Date(Date.UTC(Number(today.year), Number(today.month) - 1, Number(today.day) - days))
    .toISOString()
    .slice(0, 10)
}

/** The user's zone's offset from UTC at an instant, in minutes. */
function zoneOffsetMinutes(ms) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TZ, timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName').value
  const m = /^GMT([+-])(\d\d):(\d\d)$/.exec(name)
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0
}

/** A wall-clock time on a 'YYYY-MM-DD' in the user's zone, RFC 3339 with the offset it has there. */
export function localInstant(date, time = '00:00') {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  const wall = Date.UTC(y, m - 1, d, hh, mm)
  // Guess with the offset at the wall time read as UTC, then take the one at the guessed instant.
  const offset = zoneOffsetMinutes(wall - zoneOffsetMinutes(wall) * 60_000)
  const sign = offset < 0 ? '-' : '+'
  return `${date}T${time}:00${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
}

/** A Daylio CSV row for `days` days ago: full date, "November 20", "Friday", time, then `rest`. */
export function daylioRow(days, time, rest) {
  const date = localDate(days)
  const [y, m, d] = date.split('-').map(Number)
  const noon = Date.UTC(y, m - 1, d, 12)
  const label = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', day: 'numeric' }).format(noon)
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long' }).format(noon)
  return `${date},${label},${weekday},${time},${rest}`
}
