import { DateTime } from 'luxon'
import { CITY_ZONE } from '#core/clock'

/**
 * The `statistics` extension point: each module (core or brick) adds its
 * sections to /agents/statistiques through its manifest, so the page knows
 * no business and a disabled brick's section disappears with it. A section
 * answers with charts, each one a small table of figures (rows × columns)
 * that the page draws as an accessible SVG chart, shows as a data table and
 * offers as CSV: one shape for the three.
 */
export interface StatisticsSectionDeclaration {
  /** unique among the modules; the section's CSV links and filter use it */
  key: string
  /** i18n key of the section's title */
  title: string
  /** figures of the whole city that no service owns (outside connectors): shown to admins only */
  adminsOnly?: boolean
  source: () => Promise<{ default: StatisticsSource }>
}

export type StatisticsSource = (context: StatisticsContext) => Promise<StatisticsChart[]>

/** The days of a period (yyyy-mm-dd, Paris, both included) and how it is cut for charts over time. */
export interface StatisticsPeriod {
  kind: 'week' | 'month' | 'year' | 'custom'
  from: string
  to: string
  /** the buckets of charts over time, in order: label and first/last day */
  buckets: { key: string; label: string; from: string; to: string }[]
  /** the calendar year the period is, exactly, if it is one (the yearly rollups count then) */
  wholeYear: number | null
}

export interface StatisticsContext {
  /** the services counted: the agent's own, or null for every service (admins) */
  services: string[] | null
  period: StatisticsPeriod
  /** the instant figures "now" are taken at (overdue now…) */
  now: DateTime
  t: (key: string, data?: Record<string, unknown>) => string
  locale: string
}

/** How a column's figures read: whole counts, days, percentages (0–100) or money (cents). */
export type StatisticsUnit = 'count' | 'days' | 'percent' | 'cents'

export interface StatisticsChart {
  /** unique within the section (CSV file name, anchors) */
  key: string
  /** already translated */
  title: string
  /** what the chart shows, in a sentence, for screen readers and the page */
  description: string
  /** bars per row, or a line over the period's buckets */
  kind: 'bar' | 'line'
  /** the header of the rows' labels, then of each value column */
  labelHeader: string
  columns: { label: string; unit?: StatisticsUnit }[]
  rows: { label: string; values: (number | null)[] }[]
  /** the column the chart draws (the table shows them all); the first by default */
  plotted?: number
}

/** The instant a Paris day starts, in UTC. */
export function dayStart(day: string) {
  return DateTime.fromISO(day, { zone: CITY_ZONE }).startOf('day').toUTC()
}

/** A period as instants: from the start of its first day, to the start of the day after its last (excluded). */
export function periodRange(period: { from: string; to: string }) {
  return {
    start: dayStart(period.from),
    end: DateTime.fromISO(period.to, { zone: CITY_ZONE }).plus({ days: 1 }).startOf('day').toUTC(),
  }
}

/** Whole-number percentage of a part (null when there is nothing to divide). */
export function percentOf(part: number, whole: number) {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null
}
