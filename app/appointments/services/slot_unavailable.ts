import type { HttpContext } from '@adonisjs/core/http'
import type { DateTime } from 'luxon'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import { SlotTakenError, type SlotNotOfferedError } from '#appointments/actions/book_appointment'
import { nextFreeSlots } from '#appointments/services/slot_picker'
import { ZONE } from '#appointments/services/slots'

/** Translation keys of a slot that could not be booked: taken by someone else, or never bookable. */
export function slotUnavailableKeys(error: SlotTakenError | SlotNotOfferedError) {
  return error instanceof SlotTakenError
    ? { title: 'appointments.taken.title', text: 'appointments.taken.text' }
    : { title: 'appointments.not_offered.title', text: 'appointments.not_offered.text' }
}

/**
 * The page shown when a booking or a move fails on its slot, with the next
 * free slots to take instead. A slot somebody took first is a conflict (409);
 * a slot the agenda never offered — in the past, outside the opening hours,
 * beyond the booking window, or forged — is refused as such (422), never
 * presented as "just taken".
 */
export async function renderSlotUnavailable(
  ctx: HttpContext,
  error: SlotTakenError | SlotNotOfferedError,
  options: {
    point: MeetingPoint
    type: MeetingType
    persons: number
    start: DateTime
    action: string
    hidden: Record<string, string | number>
    back: string
  }
) {
  const next = await nextFreeSlots(options.point, options.type, options.persons, options.start)
  ctx.response.status(error instanceof SlotTakenError ? 409 : 422)
  return ctx.view.render('appointments::slot_unavailable', {
    ...slotUnavailableKeys(error),
    action: options.action,
    hidden: options.hidden,
    next: next.map((candidate) => ({
      value: candidate.start.toUTC().toISO(),
      label: candidate.start
        .setZone(ZONE)
        .setLocale(ctx.i18n.locale)
        .toFormat("cccc d LLLL 'à' HH'h'mm"),
    })),
    back: options.back,
  })
}
