import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { clock } from '#core/clock'
import { dbTimestamp, engineOf } from '#core/database/dialect'
import { categoryLabels } from './categories.js'
import { parseAreas, type Area } from '../services/geo.js'

export interface Period {
  from: string
  to: string
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** `du` and `au` (yyyy-mm-dd, days in Paris, both included); by default the last 12 months up to today. */
export function statisticsPeriod(input: Record<string, unknown>): Period {
  const today = clock.today()
  const read = (value: unknown) =>
    typeof value === 'string' && DAY.test(value) && DateTime.fromISO(value).isValid ? value : null
  const to = read(input.au) ?? today
  const from =
    read(input.du) ??
    DateTime.fromISO(to, { zone: 'Europe/Paris' })
      .minus({ years: 1 })
      .plus({ days: 1 })
      .toISODate()!
  return from <= to ? { from, to } : { from: to, to: from }
}

/** Seconds between two timestamp columns, in this engine's SQL. */
function secondsBetween(start: string, end: string) {
  return engineOf() === 'postgres'
    ? `EXTRACT(EPOCH FROM (${end} - ${start}))`
    : `((julianday(${end}) - julianday(${start})) * 86400.0)`
}

/**
 * The figures of /agents/signalements/statistiques, for the reports of the
 * agent's services filed within the period (confirmed, not merged away), all
 * counted by the database: per category, per area (the `areas` setting's
 * rectangles, first match wins), the time to resolve (median and 90th
 * percentile of the reports resolved now) and the reopen rate (reports that
 * were resolved and that a resident said were not fixed).
 */
export async function reportStatistics(services: string[], period: Period, areasText: string) {
  const start = dbTimestamp(
    DateTime.fromISO(period.from, { zone: 'Europe/Paris' }).startOf('day').toUTC()
  )
  const end = dbTimestamp(
    DateTime.fromISO(period.to, { zone: 'Europe/Paris' }).plus({ days: 1 }).startOf('day').toUTC()
  )
  const base = () =>
    db
      .from('public_space_reports')
      .whereIn('service_slug', services)
      .whereNotNull('verified_at')
      .whereNull('merged_into_id')
      .where('created_at', '>=', start)
      .where('created_at', '<', end)

  const counts = `count(*) as total,
    sum(case when status in ('new', 'acknowledged', 'planned') then 1 else 0 end) as open,
    sum(case when status = 'resolved' then 1 else 0 end) as resolved,
    sum(reopen_count) as reopenings`

  const [byCategory, labels, totals] = await Promise.all([
    base().select('category_id').select(db.raw(counts)).groupBy('category_id'),
    categoryLabels(),
    base()
      .select(
        db.raw(`${counts},
          sum(case when reopen_count > 0 then 1 else 0 end) as reopened,
          sum(case when status = 'resolved' or reopen_count > 0 then 1 else 0 end) as ever_resolved`)
      )
      .first(),
  ])

  const areas = parseAreas(areasText)
  const byArea = areas.length ? await countByArea(base, areas, counts) : []

  // Percentiles by position in the sorted durations (nearest rank), counted and read by the database.
  const duration = secondsBetween('created_at', 'resolved_at')
  const resolved = () => base().where('status', 'resolved').whereNotNull('resolved_at')
  const resolvedCount = Number((await resolved().count('* as total').first())?.total ?? 0)
  const at = async (p: number) => {
    if (resolvedCount === 0) return null
    const row = await resolved()
      .select(db.raw(`${duration} as seconds`))
      .orderByRaw(`${duration} asc`)
      .offset(Math.max(0, Math.ceil(p * resolvedCount) - 1))
      .limit(1)
      .first()
    return row ? Number(row.seconds) : null
  }
  const [median, p90] = await Promise.all([at(0.5), at(0.9)])

  const number = (value: unknown) => Number(value ?? 0)
  const everResolved = number(totals?.ever_resolved)
  const reopened = number(totals?.reopened)
  return {
    period,
    total: number(totals?.total),
    open: number(totals?.open),
    resolved: number(totals?.resolved),
    categories: byCategory
      .map((row) => ({
        label: labels.get(Number(row.category_id)) ?? String(row.category_id),
        total: number(row.total),
        open: number(row.open),
        resolved: number(row.resolved),
        reopenings: number(row.reopenings),
      }))
      .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label)),
    areas: byArea,
    resolution: { count: resolvedCount, medianSeconds: median, p90Seconds: p90 },
    reopen: {
      everResolved,
      reopened,
      answers: number(totals?.reopenings),
      rate: everResolved ? reopened / everResolved : null,
    },
  }
}

/** Reports per area: one CASE expression (first rectangle that holds the point), grouped by the database. */
async function countByArea(base: () => any, areas: Area[], counts: string) {
  const cases = areas
    .map((_, index) => `when lat between ? and ? and lng between ? and ? then ${index}`)
    .join(' ')
  const bindings = areas.flatMap((area) => [area.south, area.north, area.west, area.east])
  const rows = await db
    .from(
      base()
        .select('status', 'reopen_count', db.raw(`case ${cases} else -1 end as area`, bindings))
        .as('located')
    )
    .select('area')
    .select(db.raw(counts))
    .groupBy('area')
  const byIndex = new Map(rows.map((row: any) => [Number(row.area), row]))
  return [...areas.map((area, index) => ({ label: area.name, index })), { label: null, index: -1 }]
    .map(({ label, index }) => {
      const row = byIndex.get(index)
      return {
        label,
        total: Number(row?.total ?? 0),
        open: Number(row?.open ?? 0),
        resolved: Number(row?.resolved ?? 0),
        reopenings: Number(row?.reopenings ?? 0),
      }
    })
    .filter((area) => area.label !== null || area.total > 0)
}
