import Demand from '#demands/models/demand'
import Appointment from '#appointments/models/appointment'
import { clock } from '#core/clock'

/*
 * Helpers for the tests of /agents' "work waiting" list, which the enabled
 * modules fill (agentDashboard): the core's and each brick's.
 */

let sequence = 0

/** A demand of this service: open (unassigned unless told), or closed. */
export async function demand(
  service: string,
  options: { closed?: boolean; assigneeId?: number } = {}
) {
  const n = ++sequence
  return Demand.create({
    reference: `DEM-A-${n}`,
    procedureKey: 'nous-contacter',
    serviceSlug: service,
    state: options.closed ? 'accepted' : 'submitted',
    origin: 'web',
    answers: {},
    currentStep: 1,
    submittedAt: clock.now(),
    closedAt: options.closed ? clock.now() : null,
    assigneeId: options.assigneeId ?? null,
  })
}

/** An appointment at this point, of this type, at this moment. */
export async function appointment(
  typeId: number,
  pointId: number,
  startsAt: ReturnType<typeof clock.now>,
  status: Appointment['status'] = 'booked'
) {
  return Appointment.create({
    meetingPointId: pointId,
    meetingTypeId: typeId,
    desk: 1,
    startsAt,
    endsAt: startsAt.plus({ minutes: 15 }),
    status,
    persons: 1,
    userId: null,
    firstName: 'Camille',
    lastName: 'Durand',
    email: null,
    phone: null,
    details: {},
    origin: 'counter',
  })
}

/** The "work waiting" list of /agents: each entry's text and link. */
export function waitingWork(html: string) {
  const list = html.match(/<ul class="waiting-work">([\s\S]*?)<\/ul>/)
  if (!list) return []
  return [...list[1].matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map(
    (match) => `${match[2].replace(/&#39;|&rsquo;/g, '’')} → ${match[1].replace(/&amp;/g, '&')}`
  )
}
