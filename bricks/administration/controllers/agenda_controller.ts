import type { HttpContext } from '@adonisjs/core/http'
import vine from '@vinejs/vine'
import { errors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import BookAppointment, { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import { AppointmentNotChangeableError, cancelAppointment, markAttendance } from '#appointments/actions/change_appointment'
import { slotPicker } from '#appointments/services/slot_picker'
import { ZONE } from '#appointments/services/slots'
import { dbTimestamp } from '#core/database/dialect'
import { slotUnavailableKeys } from '#appointments/services/slot_unavailable'
import { fieldError } from '#core/services/form_errors'
import { formValidator, multiLineText, singleLineText } from '#core/services/validation'
import { checkApplicationNumbers } from '../services/ants_check.js'
import { administrationSettings } from '../settings.js'
import { readSettings } from '#core/services/settings'
import { agentCan } from '#accounts/abilities'
import { changeSettings } from '#back_office/actions/change_settings'
import { parseSettingsForm, settingFields } from '#back_office/services/settings_form'
import { APPLICATION_ID_LENGTH } from '../connectors/ants_client.js'
import { PICKUP_TYPE, TITLE_TYPE } from '../appointments.js'
import { SERVICE } from './booking_controller.js'
import { notFoundPage } from '#core/services/not_found'
import { clock } from '#core/clock'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const cancelValidator = formValidator('administration.cancel', vine.compile(vine.object({ reason: multiLineText(500).minLength(1) })))
const counterValidator = formValidator(
  'administration.counter_booking',
  vine.compile(
    vine.object({
      type: vine.enum([TITLE_TYPE, PICKUP_TYPE] as const),
      point: vine.number().withoutDecimals().positive(),
      persons: vine.number().withoutDecimals().range([1, 5]),
      slot: vine.string().trim().maxLength(40),
      origin: vine.enum(['counter', 'phone'] as const),
      firstName: singleLineText(100).minLength(1),
      lastName: singleLineText(100).minLength(1),
      email: vine.string().trim().maxLength(254).email().optional(),
      phone: singleLineText(30).optional(),
    })
  )
)

/**
 * /agents/formalites: the agendas of the état-civil desks — day and week
 * views per meeting point and desk, the printable day list, who came and who
 * did not, cancellations by the city, booking for someone at the counter or
 * on the phone. Agents of other services get 404.
 */
export default class AgendaController {
  async day(ctx: HttpContext) {
    return ctx.view.render('administration::agenda/day', await this.#dayData(ctx))
  }

  async print(ctx: HttpContext) {
    return ctx.view.render('administration::agenda/print', await this.#dayData(ctx))
  }

  async week(ctx: HttpContext) {
    const { points, point } = await this.#point(ctx)
    if (!point) return notFoundPage(ctx)
    const asked = String(ctx.request.input('semaine', ''))
    const week = (DAY.test(asked) ? DateTime.fromISO(asked, { zone: ZONE }) : clock.local()).startOf('week')
    const appointments = await Appointment.query()
      .where('meetingPointId', point.id)
      .where('status', '!=', 'cancelled')
      .where('startsAt', '>=', dbTimestamp(week.toUTC()))
      .where('startsAt', '<', dbTimestamp(week.plus({ weeks: 1 }).toUTC()))
    const days = Array.from({ length: 7 }, (_, index) => {
      const date = week.plus({ days: index })
      const iso = date.toISODate()!
      const ofDay = appointments.filter((appointment) => appointment.startsAt.setZone(ZONE).toISODate() === iso)
      return {
        iso,
        label: date.setLocale(ctx.i18n.locale).toFormat('cccc d LLLL'),
        desks: Array.from({ length: point.desks }, (_, desk) => ofDay.filter((appointment) => appointment.desk === desk + 1).length),
        total: ofDay.length,
      }
    })
    return ctx.view.render('administration::agenda/week', {
      points,
      point,
      days,
      weekLabel: week.setLocale(ctx.i18n.locale).toFormat('d LLLL yyyy'),
      previous: week.minus({ weeks: 1 }).toISODate(),
      next: week.plus({ weeks: 1 }).toISODate(),
    })
  }

  async attendance(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    if (!appointment) return notFoundPage(ctx)
    try {
      await markAttendance(appointment.id, ctx.request.input('attended') === '1')
    } catch (error) {
      if (!(error instanceof AppointmentNotChangeableError)) throw error
    }
    ctx.session.flash('success', 'administration.agenda.attendance_saved')
    return ctx.response.redirect().status(303).toPath(`/agents/formalites?lieu=${appointment.meetingPointId}&jour=${appointment.startsAt.setZone(ZONE).toISODate()}`)
  }

  async confirmCancel(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    if (!appointment) return notFoundPage(ctx)
    await appointment.load('meetingPoint')
    await appointment.load('meetingType')
    return ctx.view.render('administration::agenda/cancel', { appointment })
  }

  async cancel(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    if (!appointment) return notFoundPage(ctx)
    const { reason } = await ctx.request.validateUsing(cancelValidator)
    try {
      await cancelAppointment(appointment.id, 'agent', { reason })
    } catch (error) {
      if (!(error instanceof AppointmentNotChangeableError)) throw error
    }
    ctx.session.flash('success', 'administration.agenda.cancelled')
    return ctx.response.redirect().status(303).toPath(`/agents/formalites?lieu=${appointment.meetingPointId}&jour=${appointment.startsAt.setZone(ZONE).toISODate()}`)
  }

  /** Booking for someone at the counter or on the phone: the same agenda, the same checks. */
  async newBooking(ctx: HttpContext) {
    const { points, point } = await this.#point(ctx)
    const typeKey = ctx.request.input('type') === PICKUP_TYPE ? PICKUP_TYPE : TITLE_TYPE
    const type = await MeetingType.findBy('key', typeKey)
    if (!point || !type) return notFoundPage(ctx)
    const persons = Math.min(5, Math.max(1, Number(ctx.request.input('personnes')) || 1))
    const picker = await slotPicker({
      point,
      type,
      persons,
      week: ctx.request.input('semaine'),
      day: ctx.request.input('jour'),
      locale: ctx.i18n.locale,
      now: clock.now().minus({ hours: type.minDelayHours }),
      link: (week, day) => `/agents/formalites/reserver?type=${type.key}&lieu=${point.id}&personnes=${persons}&semaine=${week}${day ? `&jour=${day}` : ''}`,
    })
    return ctx.view.render('administration::agenda/book', { points, point, type, persons, picker, numberLength: APPLICATION_ID_LENGTH, titleType: TITLE_TYPE, pickupType: PICKUP_TYPE })
  }

  async book(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const input = await ctx.request.validateUsing(counterValidator)
    if (!DateTime.fromISO(input.slot).isValid) throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    const type = (await MeetingType.findBy('key', input.type))!
    let details: Record<string, unknown> = {}
    if (type.key === TITLE_TYPE) {
      const typed = Array.from({ length: input.persons }, (_, index) => String(ctx.request.input(`numero${index + 1}`, '') ?? ''))
      const check = await checkApplicationNumbers(typed)
      if ('unavailable' in check) throw fieldError('numero1', ctx.i18n.t('administration.numbers.unavailable'))
      if (!check.ok) {
        throw new errors.E_VALIDATION_ERROR(
          Object.entries(check.problems).map(([index, problem]) => ({
            field: `numero${Number(index) + 1}`,
            message: problem.kind === 'status' ? ctx.i18n.t(`administration.numbers.${problem.status}`) : problem.kind === 'already_booked' ? ctx.i18n.t('administration.numbers.already_booked', { place: problem.appointment.meetingPoint, date: problem.appointment.date }) : ctx.i18n.t(`administration.numbers.${problem.kind}`),
            rule: 'ants',
          }))
        )
      }
      details = { applicationIds: check.ids, antsStatuses: check.statuses }
    }
    try {
      const appointment = await new BookAppointment().handle({
        meetingPointId: input.point,
        meetingTypeId: type.id,
        persons: input.persons,
        start: DateTime.fromISO(input.slot, { zone: 'utc' }),
        applicant: { userId: null, firstName: input.firstName, lastName: input.lastName, email: input.email ?? null, phone: input.phone ?? null },
        details,
        origin: input.origin,
        bookedByAgentId: agent.id,
        // At the desk, agents may book inside the residents' minimum delay.
        now: clock.now().minus({ hours: type.minDelayHours }),
      })
      ctx.session.flash('success', 'administration.agenda.booked')
      return ctx.response.redirect().status(303).toPath(`/agents/formalites?lieu=${appointment.meetingPointId}&jour=${appointment.startsAt.setZone(ZONE).toISODate()}`)
    } catch (error) {
      if (error instanceof SlotTakenError || error instanceof SlotNotOfferedError) throw fieldError('slot', ctx.i18n.t(slotUnavailableKeys(error).title))
      throw error
    }
  }

  /** The brick's settings, for the agents of état civil granted administration.settings.manage (admins edit them in /agents/admin/reglages too). */
  async settings(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, 'administration.settings.manage', SERVICE)) return notFoundPage(ctx)
    const values = await readSettings('administration', administrationSettings)
    return ctx.view.render('administration::agenda/settings', { fields: settingFields('administration', administrationSettings, values, ctx.i18n) })
  }

  async saveSettings(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, 'administration.settings.manage', SERVICE)) return notFoundPage(ctx)
    const changes = parseSettingsForm('administration', administrationSettings, ctx.request.all(), ctx.i18n)
    await changeSettings(ctx.auth.use('agent').getUserOrFail(), 'administration', changes)
    ctx.session.flash('success', 'administration.settings.saved')
    return ctx.response.redirect().status(303).toPath('/agents/formalites/reglages')
  }

  async #dayData(ctx: HttpContext) {
    const { points, point } = await this.#point(ctx)
    const asked = String(ctx.request.input('jour', ''))
    const day = (DAY.test(asked) ? DateTime.fromISO(asked, { zone: ZONE }) : clock.local()).startOf('day')
    const appointments = point
      ? await Appointment.query()
          .where('meetingPointId', point.id)
          .where('startsAt', '>=', dbTimestamp(day.toUTC()))
          .where('startsAt', '<', dbTimestamp(day.plus({ days: 1 }).toUTC()))
          .preload('meetingType')
          .orderBy('startsAt')
      : []
    return {
      points,
      point,
      day: day.toISODate(),
      dayLabel: day.setLocale(ctx.i18n.locale).toFormat('cccc d LLLL yyyy'),
      previous: day.minus({ days: 1 }).toISODate(),
      next: day.plus({ days: 1 }).toISODate(),
      desks: point ? Array.from({ length: point.desks }, (_, index) => ({ desk: index + 1, appointments: appointments.filter((appointment) => appointment.desk === index + 1) })) : [],
      mayCancel: (appointment: Appointment) => appointment.status === 'booked' && appointment.endsAt > clock.now(),
    }
  }

  async #point(ctx: HttpContext) {
    const points = await MeetingPoint.query().where('serviceSlug', SERVICE).orderBy('id')
    const point = points.find((candidate) => candidate.id === Number(ctx.request.input('lieu'))) ?? points[0] ?? null
    return { points, point }
  }

  async #appointment(ctx: HttpContext) {
    const id = Number(ctx.params.id)
    if (!Number.isSafeInteger(id) || id <= 0) return null
    const appointment = await Appointment.find(id)
    if (!appointment) return null
    const point = await MeetingPoint.find(appointment.meetingPointId)
    return point?.serviceSlug === SERVICE ? appointment : null
  }
}
