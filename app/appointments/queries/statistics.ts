import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { dbTimestamp } from '#core/database/dialect'
import {
  percentOf,
  periodRange,
  type StatisticsChart,
  type StatisticsContext,
} from '#core/modules/statistics'
import MeetingType from '#appointments/models/meeting_type'
import OpeningRange from '#appointments/models/opening_range'
import Closure from '#appointments/models/closure'
import { computeSlots } from '#appointments/services/slots'
import { pointsOfType } from '#appointments/queries/meeting_types'

/**
 * The appointments' section of /agents/statistiques: for the meeting types
 * of the agent's services, the appointments whose time falls within the
 * period, per type and per meeting point: booked (every booking made,
 * cancelled ones included), honoured, no-shows, cancelled; and per type the
 * slots the opening hours offered (holidays and closures left out, whatever
 * was booked) and the fill rate (bookings kept / slots offered). A point's
 * desks serve each of its types: a slot offered counts for each type.
 */
export default async function appointmentsStatistics(
  context: StatisticsContext
): Promise<StatisticsChart[]> {
  const { t, period, services } = context
  const { start, end } = periodRange(period)
  const types = await MeetingType.query()
    .if(services, (query) => query.whereIn('serviceSlug', services!))
    .orderBy('label')
  const typeIds = types.map((type) => type.id)
  const counts = `count(*) as booked,
    sum(case when appointments.status = 'attended' then 1 else 0 end) as honoured,
    sum(case when appointments.status = 'no_show' then 1 else 0 end) as no_shows,
    sum(case when appointments.status = 'cancelled' then 1 else 0 end) as cancelled`
  const within = () =>
    db
      .from('appointments')
      .whereIn('meeting_type_id', typeIds.length ? typeIds : [0])
      .where('starts_at', '>=', dbTimestamp(start))
      .where('starts_at', '<', dbTimestamp(end))
  const [byType, byPoint] = await Promise.all([
    within().select('meeting_type_id').select(db.raw(counts)).groupBy('meeting_type_id'),
    within()
      .join('meeting_points', 'meeting_points.id', 'meeting_point_id')
      .select('meeting_points.name')
      .select(db.raw(counts))
      .groupBy('meeting_points.name')
      .orderBy('meeting_points.name'),
  ])

  // Slots offered: the opening hours cut by each type's duration, with nothing booked.
  // The points that offer each type (ticked by an admin, else every open point of its service).
  const pointsOf = new Map(
    await Promise.all(types.map(async (type) => [type.id, await pointsOfType(type)] as const))
  )
  const pointIds = [...new Set([...pointsOf.values()].flat().map((point) => point.id))]
  const [ranges, closures] = pointIds.length
    ? await Promise.all([
        OpeningRange.query().whereIn('meetingPointId', pointIds),
        Closure.query()
          .where((query) => query.whereIn('meetingPointId', pointIds).orWhereNull('meetingPointId'))
          .where('startsOn', '<=', period.to)
          .where('endsOn', '>=', period.from),
      ])
    : [[], []]
  const offered = new Map<number, number>()
  const since = DateTime.fromISO(period.from).minus({ years: 1 })
  for (const type of types) {
    let slots = 0
    const openType = {
      durationMinutes: type.durationMinutes,
      minDelayHours: 0,
      maxDelayDays: 100_000,
      durationFor: () => type.durationMinutes,
    }
    for (const point of pointsOf.get(type.id)!) {
      for (const slot of computeSlots({
        point,
        type: openType,
        persons: 1,
        from: period.from,
        to: period.to,
        now: since,
        ranges: ranges.filter((range) => range.meetingPointId === point.id),
        closures,
        occupied: new Map(),
      }))
        slots += slot.freeDesks.length
    }
    offered.set(type.id, slots)
  }

  const number = (value: unknown) => Number(value ?? 0)
  const s = (key: string, data: Record<string, unknown> = {}) =>
    t(`appointments.statistics.${key}`, {
      from: period.from.split('-').reverse().join('/'),
      to: period.to.split('-').reverse().join('/'),
      ...data,
    })
  const figures = (row: any) => [
    number(row?.booked),
    number(row?.honoured),
    number(row?.no_shows),
    number(row?.cancelled),
  ]
  const columns = [
    { label: s('booked') },
    { label: s('honoured') },
    { label: s('no_shows') },
    { label: s('cancelled') },
  ]
  const typeRows = new Map(byType.map((row: any) => [Number(row.meeting_type_id), row]))
  return [
    {
      key: 'types',
      title: s('types.title'),
      description: s('types.description'),
      kind: 'bar',
      labelHeader: s('type'),
      columns: [{ label: s('offered') }, ...columns, { label: s('fill_rate'), unit: 'percent' }],
      plotted: 1,
      rows: types.map((type) => {
        const [booked, honoured, noShows, cancelled] = figures(typeRows.get(type.id))
        const slots = offered.get(type.id) ?? 0
        return {
          label: type.label,
          values: [
            slots,
            booked,
            honoured,
            noShows,
            cancelled,
            percentOf(booked - cancelled, slots),
          ],
        }
      }),
    },
    {
      key: 'points',
      title: s('points.title'),
      description: s('points.description'),
      kind: 'bar',
      labelHeader: s('point'),
      columns,
      rows: byPoint.map((row: any) => ({ label: row.name, values: figures(row) })),
    },
  ]
}
