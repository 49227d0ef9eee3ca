import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import {
  MANAGE_PURPOSE,
  changeDeadline,
  grantAppointment,
  hasGrant,
  manageLink,
  residentMayChange,
} from '#appointments/services/manage_links'
import { appointmentCalendarFile } from '#appointments/services/ics'
import { movePicker } from '#appointments/services/slot_picker'
import { renderSlotUnavailable } from '#appointments/services/slot_unavailable'
import {
  AppointmentNotChangeableError,
  cancelAppointment,
  moveAppointment,
} from '#appointments/actions/change_appointment'
import { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import { fieldError } from '#core/services/form_errors'
import { assertFound, found } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import { slotChoiceValidator } from '#appointments/validators/slot_choice'
import { clock } from '#core/clock'
import { activeMeetingPoints, findAppointmentWithDetails } from '#appointments/queries/manage'

/** The appointment's page, where the resident sees what changed (or why nothing could). */
function manageUrl(appointment: Appointment) {
  return routeUrl('appointments.manage', { id: appointment.id })
}

/** The meeting point the resident picked (?lieu=), else the appointment's own, else the first one. */
function chosenPoint(points: MeetingPoint[], asked: number, current: number) {
  return (
    points.find((candidate) => candidate.id === asked) ??
    points.find((candidate) => candidate.id === current) ??
    points[0]
  )
}

/**
 * /rendez-vous/:id — an appointment seen from the mail's signed link (no
 * login needed) or from the resident's space: its details, and until the
 * deadline, moving it to another slot or cancelling it.
 */
export default class ManageController {
  async show(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    return ctx.view.render('appointments::manage', this.#view(appointment))
  }

  /** "Ajouter à mon agenda": the appointment's .ics, for whoever may open its page. */
  async calendar(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    assertFound(appointment.status === 'booked')
    ctx.response.header('Content-Type', 'text/calendar; charset=utf-8')
    ctx.response.header('Content-Disposition', 'attachment; filename="rendez-vous.ics"')
    // It carries the signed link to manage the appointment: never kept by a shared cache.
    ctx.response.header('Cache-Control', 'private, no-store')
    return appointmentCalendarFile(appointment, manageLink(appointment))
  }

  async editMove(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    if (!residentMayChange(appointment, appointment.meetingType))
      return ctx.response.redirect().toPath(manageUrl(appointment))
    const points = await activeMeetingPoints(appointment.meetingType.serviceSlug)
    const point = chosenPoint(points, Number(ctx.request.input('lieu')), appointment.meetingPointId)
    const picker = await movePicker(ctx, appointment, point, 'appointments.move.edit')
    return ctx.view.render('appointments::move', {
      ...this.#view(appointment),
      points,
      point,
      picker,
    })
  }

  async move(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    if (!residentMayChange(appointment, appointment.meetingType))
      return ctx.response.redirect().toPath(manageUrl(appointment))
    const { point, slot } = await ctx.request.validateUsing(slotChoiceValidator)
    const start = DateTime.fromISO(slot, { zone: 'utc' })
    if (!start.isValid) throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    try {
      await moveAppointment(appointment.id, { meetingPointId: point, start })
    } catch (error) {
      return this.#moveRefused(ctx, appointment, point, start, error)
    }
    ctx.session.flash('success', 'appointments.manage.moved')
    return ctx.response.redirect().status(303).toPath(manageUrl(appointment))
  }

  async confirmCancel(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    if (!residentMayChange(appointment, appointment.meetingType))
      return ctx.response.redirect().toPath(manageUrl(appointment))
    return ctx.view.render('appointments::cancel', this.#view(appointment))
  }

  async cancel(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    if (!residentMayChange(appointment, appointment.meetingType))
      return ctx.response.redirect().toPath(manageUrl(appointment))
    try {
      await cancelAppointment(appointment.id, 'resident')
    } catch (error) {
      if (!(error instanceof AppointmentNotChangeableError)) throw error
    }
    ctx.session.flash('success', 'appointments.manage.cancelled')
    return ctx.response.redirect().status(303).toPath(manageUrl(appointment))
  }

  /** /mon-espace/rendez-vous: the resident's appointments, coming ones first. */
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const now = clock.now()
    const all = await Appointment.query()
      .where('userId', user.id)
      .preload('meetingPoint')
      .preload('meetingType')
      .orderBy('startsAt', 'asc')
    return view.render('appointments::resident_index', {
      upcoming: all.filter(
        (appointment) => appointment.status === 'booked' && appointment.endsAt > now
      ),
      past: all
        .filter((appointment) => !(appointment.status === 'booked' && appointment.endsAt > now))
        .reverse(),
    })
  }

  /** The slot was taken or is no longer offered: the page says so and offers others; a past deadline leads back to the appointment. */
  async #moveRefused(
    ctx: HttpContext,
    appointment: Appointment,
    pointId: number,
    start: DateTime,
    error: unknown
  ) {
    if (error instanceof AppointmentNotChangeableError)
      return ctx.response.redirect().toPath(manageUrl(appointment))
    if (!(error instanceof SlotTakenError || error instanceof SlotNotOfferedError)) throw error
    const point = (await MeetingPoint.find(pointId)) ?? appointment.meetingPoint
    const move = routeUrl('appointments.move', { id: appointment.id })
    return renderSlotUnavailable(ctx, error, {
      point,
      type: appointment.meetingType,
      persons: appointment.persons,
      start,
      action: move,
      hidden: { point: point.id },
      back: routeUrl('appointments.move.edit', { id: appointment.id }, { lieu: point.id }),
    })
  }

  #view(appointment: Appointment) {
    return {
      appointment,
      point: appointment.meetingPoint,
      type: appointment.meetingType,
      mayChange: residentMayChange(appointment, appointment.meetingType),
      deadline: changeDeadline(appointment, appointment.meetingType),
    }
  }

  /** The appointment if this visitor may manage it: a valid signed link, a session that had one, or its owner. */
  async #appointment(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || id <= 0) return null
    const appointment = await findAppointmentWithDetails(id)
    if (!appointment) return null
    if (ctx.request.input('signature') && ctx.request.hasValidSignature(MANAGE_PURPOSE)) {
      grantAppointment(ctx.session, appointment.id)
      return appointment
    }
    if (hasGrant(ctx.session, appointment.id)) return appointment
    const user = await loggedInResident(ctx)
    if (user && appointment.userId === user.id) return appointment
    return null
  }
}
