import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import { ZONE } from '#appointments/services/slots'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'

export const AGENT_PAGE_SIZE = 50
export const SEARCH_MAXLENGTH = 100
const DAY = /^\d{4}-\d{2}-\d{2}$/
/** "RDV-123", "rdv 123" or "123": an appointment's reference, as its mails and the list show it. */
const REFERENCE = /^(?:rdv[\s-]?)?(\d{1,12})$/i

export interface AppointmentFilters {
  /** a Paris day (YYYY-MM-DD): the day itself, or the week that holds it */
  day: string
  period: 'jour' | 'semaine'
  pointId: number | null
  search: string
}

/** The filters as asked in the query string, today's day by default. */
export function appointmentFilters(input: Record<string, unknown>): AppointmentFilters {
  const day = String(input.jour ?? '')
  return {
    day: DAY.test(day) && DateTime.fromISO(day, { zone: ZONE }).isValid ? day : clock.today(),
    period: input.periode === 'semaine' ? 'semaine' : 'jour',
    pointId: Number(input.lieu) > 0 ? Math.floor(Number(input.lieu)) : null,
    search: String(input.q ?? '')
      .trim()
      .slice(0, SEARCH_MAXLENGTH),
  }
}

/** The filters as a query string, for the list's links and the export (the agent's own words, kept short). */
export function filterQuery(filters: AppointmentFilters) {
  return {
    jour: filters.day,
    periode: filters.period,
    lieu: filters.pointId ?? undefined,
    q: filters.search || undefined,
  }
}

/** The first and last instants of the day or week asked for. */
export function periodOf(filters: AppointmentFilters) {
  const day = DateTime.fromISO(filters.day, { zone: ZONE }).startOf('day')
  const from = filters.period === 'semaine' ? day.startOf('week') : day
  return { from, to: from.plus(filters.period === 'semaine' ? { weeks: 1 } : { days: 1 }) }
}

/** The open and closed meeting points of the agent's services, by name. */
export function pointsOfServices(serviceSlugs: string[]) {
  return MeetingPoint.query().whereIn('serviceSlug', serviceSlugs).orderBy('name')
}

function escapeLike(text: string) {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`)
}

/** The appointments of the agent's services in the period, at the point asked, matching the search. */
export function appointmentsQuery(serviceSlugs: string[], filters: AppointmentFilters) {
  const { from, to } = periodOf(filters)
  const query = Appointment.query()
    .whereIn(
      'meetingPointId',
      MeetingPoint.query().select('id').whereIn('serviceSlug', serviceSlugs)
    )
    .where('startsAt', '>=', dbTimestamp(from.toUTC()))
    .where('startsAt', '<', dbTimestamp(to.toUTC()))
  if (filters.pointId) query.where('meetingPointId', filters.pointId)
  const reference = REFERENCE.exec(filters.search)
  if (reference) query.where('id', Number(reference[1]))
  else if (filters.search) {
    const words = filters.search.toLowerCase().split(/\s+/).slice(0, 5)
    for (const word of words) {
      const like = `%${escapeLike(word)}%`
      query.where((names) =>
        names
          .whereRaw("lower(last_name) like ? escape '\\'", [like])
          .orWhereRaw("lower(first_name) like ? escape '\\'", [like])
          .orWhereRaw("lower(email) like ? escape '\\'", [like])
      )
    }
  }
  return query
}

/**
 * A page of the list in time order, after the appointment `after` (keyset on
 * start and id: no offset, no fixed cap); whether more remain.
 */
export async function appointmentsPage(
  serviceSlugs: string[],
  filters: AppointmentFilters,
  after: number | null
) {
  const query = appointmentsQuery(serviceSlugs, filters)
    .preload('meetingType')
    .preload('meetingPoint')
    .orderBy('startsAt')
    .orderBy('id')
    .limit(AGENT_PAGE_SIZE + 1)
  const previous = after ? await Appointment.find(after) : null
  if (previous) {
    const at = dbTimestamp(previous.startsAt.toUTC())
    query.where((keyset) =>
      keyset
        .where('startsAt', '>', at)
        .orWhere((same) => same.where('startsAt', at).where('id', '>', previous.id))
    )
  }
  const rows = await query
  return { appointments: rows.slice(0, AGENT_PAGE_SIZE), more: rows.length > AGENT_PAGE_SIZE }
}

/** The next batch of the export, by id (see keysetBatches). */
export function appointmentsBatch(
  serviceSlugs: string[],
  filters: AppointmentFilters,
  afterId: number,
  size: number
) {
  return appointmentsQuery(serviceSlugs, filters)
    .where('id', '>', afterId)
    .preload('meetingType')
    .preload('meetingPoint')
    .orderBy('id')
    .limit(size)
}

/** The reference agents and residents read: RDV-<id>. */
export function appointmentReference(appointment: Pick<Appointment, 'id'>) {
  return `RDV-${appointment.id}`
}
