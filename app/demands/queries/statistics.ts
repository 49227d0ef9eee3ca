import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { dbTimestamp, engineOf } from '#core/database/dialect'
import {
  dayStart,
  percentOf,
  periodRange,
  type StatisticsChart,
  type StatisticsContext,
} from '#core/modules/statistics'
import { allProcedures, findProcedure, workflowOf } from '#demands/procedures/registry'
import { procedureTimes } from '#demands/services/procedure_settings'

/**
 * The demands' section of /agents/statistiques, for the demands of the
 * agent's services filed within the period (a cohort: what became of them
 * is counted with them): per procedure and channel, over time, processing
 * times against the procedure's SLA, outcomes, and the demands overdue now
 * and at the end of each part of the period. Every figure is a grouped
 * count of the database; a whole year adds the anonymous figures kept of its
 * purged demands (procedure_year_statistics).
 */

/** Channels in the order the tables show them; any other value a module records follows, by name. */
const CHANNELS = ['web', 'counter', 'phone', 'mail', 'mediation']
/** Whole days between filing and closing, in this engine's SQL. */
function processingDays() {
  return engineOf() === 'postgres'
    ? // The whole days of the elapsed interval (days of 24 hours); a double, 3x faster than EXTRACT's numeric.
      "date_part('day', closed_at - submitted_at)"
    : 'cast(julianday(closed_at) - julianday(submitted_at) as integer)'
}
/** Past their due date (or still open past it): the partial index demands_statistics_late. */
const LATE = 'due_at is not null and (closed_at is null or closed_at > due_at)'

interface Histogram {
  /** days → demands */
  days: Map<number, number>
  closed: number
  late: number
}

/** The nearest-rank percentile of a histogram of whole days. */
function percentile(histogram: Histogram, p: number) {
  if (histogram.closed === 0) return null
  const rank = Math.max(1, Math.ceil(p * histogram.closed))
  let seen = 0
  for (const [days, count] of [...histogram.days].sort((a, b) => a[0] - b[0])) {
    seen += count
    if (seen >= rank) return days
  }
  return null
}

export default async function demandsStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t, period, services } = context
  const { start, end } = periodRange(period)
  const scoped = (query: DatabaseQueryBuilderContract<any>) =>
    services ? query.whereIn('service_slug', services) : query
  const filed = () =>
    scoped(
      db
        .from('demands')
        .where('submitted_at', '>=', dbTimestamp(start))
        .where('submitted_at', '<', dbTimestamp(end))
    )
  const now = context.now < end ? context.now : end
  const buckets = period.buckets.map((bucket) => ({
    ...bucket,
    start: dayStart(bucket.from),
    end: periodRange(bucket).end,
  }))
  const pastBuckets = buckets.filter((bucket) => bucket.start <= context.now)
  // The bucket of each demand: PostgreSQL finds it by binary search in the buckets' ends
  // (width_bucket, twice faster than a CASE over a year's 250,000 demands); SQLite by CASE.
  const bucketMarks = buckets.map(() => '?').join(', ')
  const bucketOf =
    engineOf() === 'postgres'
      ? `width_bucket(submitted_at, array[${bucketMarks}]::timestamptz[])`
      : `case ${buckets.map((_, index) => `when submitted_at < ? then ${index}`).join(' ')} else -1 end`
  const days = processingDays()
  // Late at the end of each past bucket (or now): the open ones and those closed since the period began,
  // read apart so that each reads its own range of demands_statistics_late (closed_at first).
  const overdueSums = () =>
    scoped(db.from('demands'))
      .whereRaw(LATE)
      .where('due_at', '<', dbTimestamp(now))
      .select(
        ...pastBuckets.map((bucket, index) => {
          const at = dbTimestamp(bucket.end < now ? bucket.end : now)
          return db.raw(
            `sum(case when due_at < ? and submitted_at < ? and (closed_at is null or closed_at > ?) then 1 else 0 end) as b${index}`,
            [at, at, at]
          )
        })
      )

  // One pass over the period's demands for both the counts per procedure and channel and those over time.
  const [filedRows, closedRows, overdueNow, overdueOverTime, kept, times] = await Promise.all([
    filed()
      .select(
        'procedure_key',
        'origin',
        db.raw(
          `${bucketOf} as bucket`,
          buckets.map((bucket) => dbTimestamp(bucket.end))
        )
      )
      .count('* as total')
      .groupByRaw('1, 2, 3'),
    filed()
      .whereNotNull('closed_at')
      .select(
        'procedure_key',
        'state',
        db.raw(`${days} as days`),
        db.raw(`case when due_at is not null and closed_at > due_at then 1 else 0 end as late`)
      )
      .count('* as total')
      .groupByRaw('1, 2, 3, 4'),
    scoped(db.from('demands'))
      .whereRaw(LATE)
      .whereNull('closed_at')
      .where('due_at', '<', dbTimestamp(context.now))
      .select('procedure_key')
      .count('* as total')
      .groupBy('procedure_key'),
    pastBuckets.length
      ? Promise.all([
          overdueSums().whereNull('closed_at').first(),
          overdueSums().where('closed_at', '>', dbTimestamp(start)).first(),
        ])
      : null,
    period.wholeYear
      ? scoped(db.from('procedure_year_statistics'))
          .where('year', period.wholeYear)
          .select('procedure_key', 'channel', 'outcome', 'processing_days', 'late')
          .sum('demands as total')
          .groupBy('procedure_key', 'channel', 'outcome', 'processing_days', 'late')
      : [],
    procedureTimes(allProcedures()),
  ])

  const number = (value: unknown) => Number(value ?? 0)
  const procedureLabel = (key: string) => {
    const procedure = findProcedure(key)
    return procedure ? t(procedure.title) : key
  }

  // Filed, per procedure and channel (the kept figures of purged demands added).
  const perProcedure = new Map<string, Map<string, number>>()
  const add = (procedure: string, channel: string, count: number) => {
    const row =
      perProcedure.get(procedure) ?? perProcedure.set(procedure, new Map()).get(procedure)!
    row.set(channel, (row.get(channel) ?? 0) + count)
  }
  for (const row of filedRows) add(row.procedure_key, row.origin, number(row.total))
  for (const row of kept) add(row.procedure_key, row.channel, number(row.total))
  const present = new Set([...perProcedure.values()].flatMap((row) => [...row.keys()]))
  const channels = [
    ...CHANNELS.filter((channel) => present.has(channel)),
    ...[...present].filter((channel) => !CHANNELS.includes(channel)).sort(),
  ]
  const channelLabel = (channel: string) =>
    CHANNELS.includes(channel) ? t(`demands.statistics.channels.${channel}`) : channel
  const totalOf = (row: Map<string, number>) => [...row.values()].reduce((a, b) => a + b, 0)
  const procedures = [...perProcedure.entries()]
    .map(([key, row]) => ({ key, label: procedureLabel(key), row, total: totalOf(row) }))
    .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label))
  const grandTotal = procedures.reduce((sum, procedure) => sum + procedure.total, 0)

  // Processing times and outcomes of the closed ones.
  const histograms = new Map<string, Histogram>()
  const outcomes = new Map<string, number>()
  const addClosed = (
    procedure: string,
    state: string,
    day: number,
    late: boolean,
    count: number
  ) => {
    const histogram =
      histograms.get(procedure) ??
      histograms.set(procedure, { days: new Map(), closed: 0, late: 0 }).get(procedure)!
    histogram.days.set(day, (histogram.days.get(day) ?? 0) + count)
    histogram.closed += count
    if (late) histogram.late += count
    outcomes.set(state, (outcomes.get(state) ?? 0) + count)
  }
  for (const row of closedRows)
    addClosed(
      row.procedure_key,
      row.state,
      number(row.days),
      number(row.late) === 1,
      number(row.total)
    )
  for (const row of kept)
    addClosed(
      row.procedure_key,
      row.outcome,
      number(row.processing_days),
      Boolean(row.late),
      number(row.total)
    )
  const closedTotal = [...outcomes.values()].reduce((a, b) => a + b, 0)
  const stateLabels = new Map<string, string>()
  for (const procedure of allProcedures())
    for (const state of workflowOf(procedure).states)
      if (!stateLabels.has(state.key)) stateLabels.set(state.key, t(state.agentLabel))

  const periodText = {
    from: period.from.split('-').reverse().join('/'),
    to: period.to.split('-').reverse().join('/'),
  }
  const s = (key: string, data: Record<string, unknown> = {}) =>
    t(`demands.statistics.${key}`, { ...periodText, ...data })
  const byBucket = new Map<number, number>()
  for (const row of filedRows)
    byBucket.set(number(row.bucket), (byBucket.get(number(row.bucket)) ?? 0) + number(row.total))

  return [
    {
      key: 'filed',
      title: s('filed.title'),
      description: s('filed.description', { count: grandTotal }),
      kind: 'bar',
      labelHeader: s('procedure'),
      columns: [
        { label: s('filed.total') },
        ...channels.map((channel) => ({ label: channelLabel(channel) })),
      ],
      rows: procedures.map((procedure) => ({
        label: procedure.label,
        values: [procedure.total, ...channels.map((channel) => procedure.row.get(channel) ?? 0)],
      })),
    },
    {
      key: 'channels',
      title: s('channels_chart.title'),
      description: s('channels_chart.description', { count: grandTotal }),
      kind: 'bar',
      labelHeader: s('channel'),
      columns: [{ label: s('filed.total') }, { label: s('share'), unit: 'percent' }],
      rows: channels.map((channel) => {
        const count = procedures.reduce(
          (sum, procedure) => sum + (procedure.row.get(channel) ?? 0),
          0
        )
        return { label: channelLabel(channel), values: [count, percentOf(count, grandTotal)] }
      }),
    },
    {
      key: 'filed_over_time',
      title: s('over_time.title'),
      description: s('over_time.description'),
      kind: 'line',
      labelHeader: s('when'),
      columns: [{ label: s('filed.total') }],
      rows: buckets.map((bucket, index) => ({
        label: bucket.label,
        values: [byBucket.get(index) ?? 0],
      })),
    },
    {
      key: 'processing',
      title: s('processing.title'),
      description: s('processing.description'),
      kind: 'bar',
      labelHeader: s('procedure'),
      columns: [
        { label: s('processing.closed') },
        { label: s('processing.median'), unit: 'days' },
        { label: s('processing.p90'), unit: 'days' },
        { label: s('processing.sla'), unit: 'days' },
        { label: s('processing.within_sla'), unit: 'percent' },
      ],
      plotted: 1,
      rows: [...histograms.entries()]
        .map(([key, histogram]) => ({
          label: procedureLabel(key),
          values: [
            histogram.closed,
            percentile(histogram, 0.5),
            percentile(histogram, 0.9),
            times.get(key)?.slaDays ?? null,
            percentOf(histogram.closed - histogram.late, histogram.closed),
          ],
        }))
        .sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || a.label.localeCompare(b.label)),
    },
    {
      key: 'outcomes',
      title: s('outcomes.title'),
      description: s('outcomes.description', { count: closedTotal }),
      kind: 'bar',
      labelHeader: s('outcome'),
      columns: [{ label: s('outcomes.count') }, { label: s('share'), unit: 'percent' }],
      rows: [...outcomes.entries()]
        .map(([state, count]) => ({
          label: stateLabels.get(state) ?? state,
          values: [count, percentOf(count, closedTotal)],
        }))
        .sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || a.label.localeCompare(b.label)),
    },
    {
      key: 'overdue_now',
      title: s('overdue_now.title'),
      description: s('overdue_now.description'),
      kind: 'bar',
      labelHeader: s('procedure'),
      columns: [{ label: s('overdue_now.count') }],
      rows: overdueNow
        .map((row) => ({ label: procedureLabel(row.procedure_key), values: [number(row.total)] }))
        .sort((a, b) => (b.values[0] ?? 0) - (a.values[0] ?? 0) || a.label.localeCompare(b.label)),
    },
    {
      key: 'overdue_over_time',
      title: s('overdue_over_time.title'),
      description: s('overdue_over_time.description'),
      kind: 'line',
      labelHeader: s('when'),
      columns: [{ label: s('overdue_over_time.count') }],
      rows: pastBuckets.map((bucket, index) => ({
        label: bucket.label,
        values: [
          number(overdueOverTime?.[0]?.[`b${index}`]) + number(overdueOverTime?.[1]?.[`b${index}`]),
        ],
      })),
    },
  ]
}
