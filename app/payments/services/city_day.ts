import { CITY_ZONE } from '#core/clock'

/** One formatter for every row: Luxon's setZone + toFormat costs tens of microseconds a row, Intl about one. */
const CITY_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: CITY_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
})

/**
 * A timestamp as the driver returns it (a Date on PostgreSQL, UTC text
 * "YYYY-MM-DD HH:mm:ss" on SQLite) as its day in the city, DD/MM/YYYY; ''
 * for none. Used by the CSV exports, which format it 100,000 times.
 */
export function cityDay(value: Date | string | null | undefined) {
  if (!value) return ''
  let date = value
  if (typeof date === 'string') {
    const text = date.includes('T') ? date : date.replace(' ', 'T')
    date = new Date(/(?:Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`)
  }
  return Number.isNaN(date.getTime()) ? '' : CITY_DAY.format(date)
}
