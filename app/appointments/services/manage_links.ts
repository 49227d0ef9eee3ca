import { signedUrl } from '#core/links'
import type { HttpContext } from '@adonisjs/core/http'
import type Appointment from '#appointments/models/appointment'
import type MeetingType from '#appointments/models/meeting_type'
import { DateTime } from 'luxon'
import { clock } from '#core/clock'

export const MANAGE_PURPOSE = 'appointment'

/** The pages the signed links open; the routes use the same patterns. */
export const MANAGE_PAGE = '/rendez-vous/:id'
export const CANCEL_PAGE = '/rendez-vous/:id/annuler'

/** The signed link of the mails: whoever holds it may see, move or cancel this appointment, until the deadline. */
export function manageLink(appointment: Pick<Appointment, 'id'>) {
  return signedUrl(MANAGE_PAGE, { id: appointment.id }, { purpose: MANAGE_PURPOSE })
}

/** The same, straight to the cancellation page. */
export function cancelLink(appointment: Pick<Appointment, 'id'>) {
  return signedUrl(CANCEL_PAGE, { id: appointment.id }, { purpose: MANAGE_PURPOSE })
}

const GRANTS = 'appointment_grants'

/** After a valid signed link, the session may keep managing that appointment (week links change the URL). */
export function grantAppointment(session: HttpContext['session'], id: number) {
  const ids: number[] = session.get(GRANTS, [])
  if (!ids.includes(id)) session.put(GRANTS, [...ids.slice(-9), id])
}

export function hasGrant(session: HttpContext['session'], id: number) {
  return (session.get(GRANTS, []) as number[]).includes(id)
}

/** Residents may move or cancel until this moment (the type's deadline before the start). */
export function changeDeadline(
  appointment: Pick<Appointment, 'startsAt'>,
  type: Pick<MeetingType, 'cancelDeadlineHours'>
) {
  return appointment.startsAt.minus({ hours: type.cancelDeadlineHours })
}

export function residentMayChange(
  appointment: Pick<Appointment, 'startsAt' | 'status'>,
  type: Pick<MeetingType, 'cancelDeadlineHours'>,
  now: DateTime = clock.now()
) {
  return appointment.status === 'booked' && now < changeDeadline(appointment, type)
}
