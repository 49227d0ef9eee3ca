import pg from 'pg'

/*
 * PostgreSQL sends each `timestamptz` as text (`2026-12-07 16:45:12.123456+00`)
 * and the pg driver reads it with postgres-date: three regular expressions
 * and a Date per value, about 1 % of an inbox page's CPU and 3 % of what it
 * allocates (150 timestamps a page). The shape PostgreSQL sends with its
 * default DateStyle (ISO) is read here character by character, to the same
 * Date; anything else (infinity, BC, a year before 1000, another DateStyle)
 * is left to the driver's own parser.
 */

const TIMESTAMPTZ = 1184
const ZERO = 48

/** The number written by `length` digits at `at`, or NaN. */
function digits(text: string, at: number, length: number) {
  let value = 0
  for (let index = at; index < at + length; index++) {
    const digit = text.charCodeAt(index) - ZERO
    if (digit < 0 || digit > 9) return Number.NaN
    value = value * 10 + digit
  }
  return value
}

/** The instant of PostgreSQL's ISO text, or null when the text has another shape. */
export function parseIsoTimestamptz(text: string): Date | null {
  if (text.length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ') return null
  if (text[13] !== ':' || text[16] !== ':') return null
  const year = digits(text, 0, 4)
  if (!(year >= 1000)) return null
  let at = 19
  let ms = 0
  if (text[at] === '.') {
    let end = at + 1
    while (end < text.length && text.charCodeAt(end) >= ZERO && text.charCodeAt(end) <= ZERO + 9)
      end++
    if (end === at + 1) return null
    ms = Math.trunc(1000 * Number(`0${text.slice(at, end)}`))
    at = end
  }
  const sign = text[at] === '+' ? 1 : text[at] === '-' ? -1 : 0
  if (!sign) return null
  let offset = digits(text, at + 1, 2) * 3600
  at += 3
  if (text[at] === ':') {
    offset += digits(text, at + 1, 2) * 60
    at += 3
    if (text[at] === ':') {
      offset += digits(text, at + 1, 2)
      at += 3
    }
  }
  if (at !== text.length) return null
  const utc = Date.UTC(
    year,
    digits(text, 5, 2) - 1,
    digits(text, 8, 2),
    digits(text, 11, 2),
    digits(text, 14, 2),
    digits(text, 17, 2),
    ms
  )
  const instant = utc - sign * offset * 1000
  return Number.isNaN(instant) ? null : new Date(instant)
}

let installed = false

/** Makes the pg driver read `timestamptz` values with parseIsoTimestamptz, its own parser otherwise. */
export function readTimestampsFast() {
  if (installed) return
  installed = true
  const driverParser = pg.types.getTypeParser(TIMESTAMPTZ, 'text')
  pg.types.setTypeParser(
    TIMESTAMPTZ,
    'text',
    (text: string) => parseIsoTimestamptz(text) ?? driverParser(text)
  )
}
