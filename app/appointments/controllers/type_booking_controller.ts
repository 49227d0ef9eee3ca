import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type Appointment from '#appointments/models/appointment'
import type MeetingPoint from '#appointments/models/meeting_point'
import type MeetingType from '#appointments/models/meeting_type'
import BookAppointment, {
  SlotNotOfferedError,
  SlotTakenError,
} from '#appointments/actions/book_appointment'
import JoinTypeWaitingList from '#appointments/actions/join_waiting_list'
import { bookableType, bookableTypes, pointsOfType } from '#appointments/queries/meeting_types'
import { hooksFor } from '#appointments/services/hooks'
import { grantAppointment } from '#appointments/services/manage_links'
import { slotPicker } from '#appointments/services/slot_picker'
import { renderSlotUnavailable } from '#appointments/services/slot_unavailable'
import { ZONE } from '#appointments/services/slots'
import {
  contactValidator,
  joinWaitingListValidator,
  typeSlotValidator,
} from '#appointments/validators/booking'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import { fieldError } from '#core/services/form_errors'

/** What the resident chose on the type's page, kept in the session until the booking is made. */
interface Choice {
  pointId: number
  persons: number
  slot: string
}

function choiceKey(type: MeetingType) {
  return `booking_type_${type.key}`
}

function pageUrl(type: MeetingType, query?: Record<string, string | number | undefined>) {
  return routeUrl('appointments.book.show', { type: type.key }, query)
}

/** The persons asked for, within what the type allows. */
function askedPersons(type: MeetingType, asked: unknown) {
  return Math.min(type.maxPersons, Math.max(1, Number(asked) || 1))
}

/** Books the chosen slot for the contact given (the signed-in resident's account, if any). */
function bookChoice(
  type: MeetingType,
  chosen: { point: MeetingPoint; choice: Choice },
  contact: { firstName: string; lastName: string; email: string; phone?: string },
  user: User | null
) {
  return new BookAppointment().handle({
    meetingPointId: chosen.point.id,
    meetingTypeId: type.id,
    persons: chosen.choice.persons,
    start: DateTime.fromISO(chosen.choice.slot, { zone: 'utc' }),
    applicant: { ...contact, userId: user?.id ?? null, phone: contact.phone ?? null },
  })
}

/** The point asked for, else the first one offering the type (null if none does). */
function askedPoint(points: MeetingPoint[], asked: unknown) {
  return points.find((point) => point.id === Number(asked)) ?? points[0] ?? null
}

/**
 * /rendez-vous/<type>: any meeting type residents may book, of any service —
 * with a brick or without (urbanisme…) — in three steps that work without
 * JavaScript: the point, the persons and the day's slot; the contact
 * details; the confirmation page of the appointment. A type a brick books on
 * its own pages (ANTS checks…) sends residents there.
 */
export default class TypeBookingController {
  /** /rendez-vous: every appointment residents may book, by service. */
  async index({ view }: HttpContext) {
    return view.render('appointments::book/index', { entries: await bookableTypes() })
  }

  async show(ctx: HttpContext) {
    const type = found(await bookableType(String(ctx.params.type)))
    const brickPath = (await hooksFor(type.key)).bookingPath
    if (brickPath) return ctx.response.redirect().toPath(brickPath)
    const points = await pointsOfType(type)
    const point = askedPoint(points, ctx.request.input('lieu'))
    const persons = askedPersons(type, ctx.request.input('personnes'))
    return ctx.view.render('appointments::book/slot', {
      ...{ type, points, point, persons, user: await loggedInResident(ctx) },
      picker: point ? await this.#picker(ctx, type, point, persons) : null,
    })
  }

  async chooseSlot(ctx: HttpContext) {
    const type = found(await bookableType(String(ctx.params.type)))
    const input = await ctx.request.validateUsing(typeSlotValidator)
    assertFound(askedPoint(await pointsOfType(type), input.point)?.id === input.point)
    if (!DateTime.fromISO(input.slot).isValid)
      throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    const persons = askedPersons(type, input.persons)
    ctx.session.put(choiceKey(type), { pointId: input.point, persons, slot: input.slot })
    const contact = routeUrl('appointments.book.contact', { type: type.key })
    return ctx.response.redirect().status(303).toPath(contact)
  }

  async contact(ctx: HttpContext) {
    const type = found(await bookableType(String(ctx.params.type)))
    const chosen = await this.#chosen(ctx, type)
    if (!chosen) return ctx.response.redirect().toPath(pageUrl(type))
    const user = await loggedInResident(ctx)
    const when = DateTime.fromISO(chosen.choice.slot).setZone(ZONE).setLocale(ctx.i18n.locale)
    return ctx.view.render('appointments::book/contact', {
      type,
      ...chosen,
      when: when.toFormat("cccc d LLLL yyyy 'à' HH'h'mm"),
      contact: user ?? { firstName: '', lastName: '', email: '', phone: '' },
    })
  }

  async book(ctx: HttpContext) {
    const type = found(await bookableType(String(ctx.params.type)))
    const chosen = await this.#chosen(ctx, type)
    if (!chosen) return ctx.response.redirect().status(303).toPath(pageUrl(type))
    const contact = await ctx.request.validateUsing(contactValidator)
    try {
      const appointment = await bookChoice(type, chosen, contact, await loggedInResident(ctx))
      return this.#booked(ctx, type, appointment)
    } catch (error) {
      if (!(error instanceof SlotTakenError || error instanceof SlotNotOfferedError)) throw error
      return this.#slotGone(ctx, type, chosen, error)
    }
  }

  /** "Tell me when a slot frees up", offered when the point has no free slot. */
  async joinWaitingList(ctx: HttpContext) {
    const type = found(await bookableType(String(ctx.params.type)))
    assertFound(type.waitingList)
    const input = await ctx.request.validateUsing(joinWaitingListValidator)
    const points = await pointsOfType(type)
    const pointId = points.find((point) => point.id === input.point)?.id ?? null
    const user = await loggedInResident(ctx)
    await new JoinTypeWaitingList().handle(type, { ...input, pointId, userId: user?.id ?? null })
    ctx.session.flash('success', 'appointments.waiting.joined')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(pageUrl(type, { lieu: pointId ?? undefined }))
  }

  /** Booked: the choice is forgotten, this session may manage the appointment, whose page says it is confirmed. */
  #booked(ctx: HttpContext, type: MeetingType, appointment: Appointment) {
    ctx.session.forget(choiceKey(type))
    grantAppointment(ctx.session, appointment.id)
    ctx.session.flash('success', 'appointments.book.confirmed')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(routeUrl('appointments.manage', { id: appointment.id }))
  }

  /** Someone took the slot meanwhile (or it is no longer offered): the page says so and offers the next ones. */
  #slotGone(
    ctx: HttpContext,
    type: MeetingType,
    chosen: { point: MeetingPoint; choice: Choice },
    error: SlotTakenError | SlotNotOfferedError
  ) {
    return renderSlotUnavailable(ctx, error, {
      point: chosen.point,
      type,
      persons: chosen.choice.persons,
      start: DateTime.fromISO(chosen.choice.slot, { zone: 'utc' }),
      action: routeUrl('appointments.book.slot', { type: type.key }),
      hidden: { point: chosen.point.id, persons: chosen.choice.persons },
      back: pageUrl(type, { lieu: chosen.point.id, personnes: chosen.choice.persons }),
    })
  }

  /** The choice kept in the session, if its point still offers the type. */
  async #chosen(ctx: HttpContext, type: MeetingType) {
    const choice = ctx.session.get(choiceKey(type)) as Choice | undefined
    if (!choice) return null
    const point = (await pointsOfType(type)).find((candidate) => candidate.id === choice.pointId)
    return point ? { point, choice } : null
  }

  #picker(ctx: HttpContext, type: MeetingType, point: MeetingPoint, persons: number) {
    return slotPicker({
      point,
      type,
      persons,
      week: ctx.request.input('semaine'),
      day: ctx.request.input('jour'),
      locale: ctx.i18n.locale,
      link: (week, day) =>
        pageUrl(type, { lieu: point.id, personnes: persons, semaine: week, jour: day }),
    })
  }
}
