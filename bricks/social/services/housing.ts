import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import MeetingType from '#appointments/models/meeting_type'
import { pointsOfType } from '#appointments/queries/meeting_types'
import { availableSlotsByPoint } from '#appointments/services/slots'
import { clock } from '#core/clock'

/** The meeting type of the housing adviser's appointments (created by an admin in /agents/admin/agendas, or by the demo seed). */
export const HOUSING_TYPE = 'social_logement'

export const PURPOSES = ['file', 'renew'] as const
export type HousingPurpose = (typeof PURPOSES)[number]

export const OUTCOMES = ['filed', 'renewed', 'redirected'] as const
export type HousingOutcome = (typeof OUTCOMES)[number]

/** How many free slots the booking page offers, and over how many days. */
const SLOTS_SHOWN = 24
const DAYS_AHEAD = 30

/**
 * The national application number of a social-housing request (numéro
 * unique): the département's code on three characters (091, 02A), then
 * digits, then a check letter; written with or without spaces, kept in
 * capitals without them.
 */
export const APPLICATION_NUMBER = /^(?:0\d{2}|02[AB]|97\d)\d{10,15}[A-Z]$/

export function normalizeApplicationNumber(value: string) {
  return value.replace(/[\s.-]/g, '').toUpperCase()
}

/** What to bring, by purpose (i18n keys under social.housing.documents). */
export function documentsFor(purpose: HousingPurpose) {
  const common = ['identity', 'resources', 'tax_notice', 'household']
  return purpose === 'renew' ? ['application_number', ...common] : [...common, 'housing_now']
}

export function housingType() {
  return MeetingType.query().where('key', HOUSING_TYPE).where('active', true).first()
}

/** The next free slots of the adviser, every point together, in time order. */
export async function housingSlots(type: MeetingType) {
  const points = await pointsOfType(type)
  const from = clock.local().toISODate()!
  const to = clock.local().plus({ days: DAYS_AHEAD }).toISODate()!
  const byPoint = await availableSlotsByPoint(points, type, 1, from, to)
  return points
    .flatMap((point) => (byPoint.get(point.id) ?? []).map((slot) => ({ point, slot })))
    .sort((a, b) => a.slot.start.toMillis() - b.slot.start.toMillis() || a.point.id - b.point.id)
    .slice(0, SLOTS_SHOWN)
}

/** A slot's value in the form: the point and the UTC instant. */
export function slotValue(pointId: number, start: { toUTC(): { toISO(): string | null } }) {
  return `${pointId}|${start.toUTC().toISO()}`
}

/**
 * The booking form's choices as the engine takes them: the national number
 * normalised (null when left empty), the point and instant of the slot; or
 * the field that is wrong and the key of its message.
 */
export function readBooking(input: { applicationNumber?: string; slot: string }) {
  const number = input.applicationNumber
    ? normalizeApplicationNumber(input.applicationNumber)
    : null
  if (number && !APPLICATION_NUMBER.test(number))
    return { error: { field: 'applicationNumber', key: 'social.housing.number_invalid' } } as const
  const [pointId, iso] = input.slot.split('|')
  const start = DateTime.fromISO(iso ?? '', { zone: 'utc' })
  if (!Number(pointId) || !start.isValid)
    return { error: { field: 'slot', key: 'social.housing.slot_required' } } as const
  return { number, pointId: Number(pointId), start } as const
}

/** The resident's own housing appointment, with its point. */
export function ownHousingAppointment(userId: number, id: unknown) {
  return Appointment.query()
    .where('id', Number(id) || 0)
    .where('userId', userId)
    .whereHas('meetingType', (type) => type.where('key', HOUSING_TYPE))
    .preload('meetingPoint')
    .first()
}

/** A slot's start as residents read it (Paris time, in French). */
export function longDate(start: DateTime, withYear = false) {
  return start
    .setZone('Europe/Paris')
    .setLocale('fr')
    .toFormat(withYear ? "cccc d LLLL yyyy 'à' HH'h'mm" : "cccc d LLLL 'à' HH'h'mm")
}
