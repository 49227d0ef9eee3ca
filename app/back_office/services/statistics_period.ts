import { DateTime } from 'luxon'
import { CITY_ZONE, clock } from '#core/clock'
import type { StatisticsPeriod } from '#core/modules/statistics'

/** The period choices of /agents/statistiques, as the query string spells them. */
export const PERIOD_KINDS = {
  semaine: 'week',
  mois: 'month',
  annee: 'year',
  libre: 'custom',
} as const

const DAY = /^\d{4}-\d{2}-\d{2}$/
/** A custom period is cut by day up to this many days, by month beyond. */
const DAILY_UP_TO = 62
/** The longest custom period (ten years of monthly buckets). */
const LONGEST_YEARS = 10

function readDay(value: unknown) {
  if (typeof value !== 'string' || !DAY.test(value)) return null
  const day = DateTime.fromISO(value, { zone: CITY_ZONE })
  return day.isValid && day.year >= 2000 && day.year <= 2200 ? day : null
}

/**
 * Reads `periode` (semaine, mois, annee, libre), `date` (a day within the
 * week, month or year; today by default) and `du`/`au` (a free period):
 * anything else falls back to the year of today, never to an error, as
 * agents share these links.
 */
export function statisticsPeriod(input: Record<string, unknown>, locale: string): StatisticsPeriod {
  const today = DateTime.fromISO(clock.today(), { zone: CITY_ZONE })
  const requested = PERIOD_KINDS[input.periode as keyof typeof PERIOD_KINDS] ?? 'year'
  const kind =
    requested === 'custom' && !(readDay(input.du) && readDay(input.au)) ? 'year' : requested
  const at = readDay(input.date) ?? today
  let from: DateTime
  let to: DateTime
  if (kind === 'custom') {
    const [a, b] = [readDay(input.du)!, readDay(input.au)!]
    ;[from, to] = a <= b ? [a, b] : [b, a]
    if (to.diff(from, 'years').years > LONGEST_YEARS) from = to.minus({ years: LONGEST_YEARS })
  } else {
    const unit = kind === 'week' ? 'week' : kind === 'month' ? 'month' : 'year'
    from = at.startOf(unit)
    to = at.endOf(unit).startOf('day')
  }
  const days = Math.round(to.diff(from, 'days').days) + 1
  const monthly = kind === 'year' || (kind === 'custom' && days > DAILY_UP_TO)
  const buckets: StatisticsPeriod['buckets'] = []
  for (let start = from; start <= to;) {
    const next = monthly ? start.startOf('month').plus({ months: 1 }) : start.plus({ days: 1 })
    const end = next.minus({ days: 1 }) < to ? next.minus({ days: 1 }) : to
    buckets.push({
      key: start.toISODate()!,
      label: start
        .setLocale(locale)
        .toFormat(
          monthly ? (kind === 'year' ? 'LLL' : 'LLL yyyy') : kind === 'week' ? 'ccc d' : 'd LLL'
        ),
      from: start.toISODate()!,
      to: end.toISODate()!,
    })
    start = next
  }
  const wholeYear =
    from.month === 1 && from.day === 1 && to.month === 12 && to.day === 31 && from.year === to.year
      ? from.year
      : null
  return { kind, from: from.toISODate()!, to: to.toISODate()!, buckets, wholeYear }
}
