import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import {
  AppointmentNotChangeableError,
  cancelAppointment,
  markAttendance,
} from '#appointments/actions/change_appointment'
import { slotPicker } from '#appointments/services/slot_picker'
import { ZONE } from '#appointments/services/slots'
import { slotUnavailableKeys } from '#appointments/services/slot_unavailable'
import { fieldError } from '#core/services/form_errors'
import { assertFound, found } from '#core/http/not_found'
import { brickUrls } from '#core/http/route_url'
import { clock } from '#core/clock'
import { checkApplicationNumbers, type NumberProblem } from '../services/ants_check.js'
import { administrationSettings } from '../settings.js'
import { readSettings } from '#core/services/settings'
import { agentCan } from '#accounts/abilities'
import { changeSettings } from '#back_office/actions/change_settings'
import { parseSettingsForm, settingFields } from '#back_office/services/settings_form'
import { APPLICATION_ID_LENGTH } from '../connectors/ants_client.js'
import { PICKUP_TYPE, TITLE_TYPE } from '../appointments.js'
import { SERVICE } from './booking_controller.js'
import BookAtCounter from '../actions/book_at_counter.js'
import { dayDesks, weekCounts } from '../queries/agenda.js'
import { cancelValidator, counterBookingValidator } from '../validators/agenda.js'
import { typedNumbers } from '../validators/booking.js'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const urls = brickUrls('administration')

/** The day's agenda where the appointment is: where agents come back after acting on it. */
function dayUrl(appointment: Appointment) {
  return urls.back(
    'agenda.day',
    {},
    { lieu: appointment.meetingPointId, jour: appointment.startsAt.setZone(ZONE).toISODate() }
  )
}

/** The type an agent books at the counter: an ID appointment unless a pick-up is asked for. */
function counterType(asked: unknown) {
  return asked === PICKUP_TYPE ? PICKUP_TYPE : TITLE_TYPE
}

/** What the counter booking page always shows: the length of an ANTS number and the two types. */
const BOOKING_PAGE = {
  numberLength: APPLICATION_ID_LENGTH,
  titleType: TITLE_TYPE,
  pickupType: PICKUP_TYPE,
}

/** The agenda's free slots for a counter booking, from now (agents may book inside the residents' minimum delay). */
function counterPicker(ctx: HttpContext, point: MeetingPoint, type: MeetingType, persons: number) {
  return slotPicker({
    point,
    type,
    persons,
    week: ctx.request.input('semaine'),
    day: ctx.request.input('jour'),
    locale: ctx.i18n.locale,
    now: clock.now().minus({ hours: type.minDelayHours }),
    link: (week, day) =>
      urls.back(
        'agenda.new_booking',
        {},
        { type: type.key, lieu: point.id, personnes: persons, semaine: week, jour: day }
      ),
  })
}

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
    assertFound(point)
    const week = this.#askedDate(ctx, 'semaine').startOf('week')
    return ctx.view.render('administration::agenda/week', {
      points,
      point,
      days: await weekCounts(point, week, ctx.i18n.locale),
      weekLabel: week.setLocale(ctx.i18n.locale).toFormat('d LLLL yyyy'),
      previous: week.minus({ weeks: 1 }).toISODate(),
      next: week.plus({ weeks: 1 }).toISODate(),
    })
  }

  async attendance(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    try {
      await markAttendance(appointment.id, ctx.request.input('attended') === '1')
    } catch (error) {
      if (!(error instanceof AppointmentNotChangeableError)) throw error
    }
    ctx.session.flash('success', 'administration.agenda.attendance_saved')
    return ctx.response.redirect().status(303).toPath(dayUrl(appointment))
  }

  async confirmCancel(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    await appointment.load('meetingPoint')
    await appointment.load('meetingType')
    return ctx.view.render('administration::agenda/cancel', { appointment })
  }

  async cancel(ctx: HttpContext) {
    const appointment = found(await this.#appointment(ctx))
    const { reason } = await ctx.request.validateUsing(cancelValidator)
    try {
      await cancelAppointment(appointment.id, 'agent', { reason })
    } catch (error) {
      if (!(error instanceof AppointmentNotChangeableError)) throw error
    }
    ctx.session.flash('success', 'administration.agenda.cancelled')
    return ctx.response.redirect().status(303).toPath(dayUrl(appointment))
  }

  /** Booking for someone at the counter or on the phone: the same agenda, the same checks. */
  async newBooking(ctx: HttpContext) {
    const { points, point } = await this.#point(ctx)
    const type = await MeetingType.findBy('key', counterType(ctx.request.input('type')))
    assertFound(point && type)
    const persons = Math.min(5, Math.max(1, Number(ctx.request.input('personnes')) || 1))
    return ctx.view.render('administration::agenda/book', {
      points,
      point,
      type,
      persons,
      picker: await counterPicker(ctx, point, type, persons),
      ...BOOKING_PAGE,
    })
  }

  async book(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const input = await ctx.request.validateUsing(counterBookingValidator)
    if (!DateTime.fromISO(input.slot).isValid)
      throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    const type = (await MeetingType.findBy('key', input.type))!
    const details = type.key === TITLE_TYPE ? await this.#checkedNumbers(ctx, input.persons) : {}
    try {
      const appointment = await new BookAtCounter().handle(input, type, agent, details)
      ctx.session.flash('success', 'administration.agenda.booked')
      return ctx.response.redirect().status(303).toPath(dayUrl(appointment))
    } catch (error) {
      if (error instanceof SlotTakenError || error instanceof SlotNotOfferedError)
        throw fieldError('slot', ctx.i18n.t(slotUnavailableKeys(error).title))
      throw error
    }
  }

  /** The brick's settings, for the agents of état civil granted administration.settings.manage (admins edit them in /agents/admin/reglages too). */
  async settings(ctx: HttpContext) {
    assertFound(await ctx.bouncer.allows(agentCan, 'administration.settings.manage', SERVICE))
    const values = await readSettings('administration', administrationSettings)
    return ctx.view.render('administration::agenda/settings', {
      fields: settingFields('administration', administrationSettings, values, ctx.i18n),
    })
  }

  async saveSettings(ctx: HttpContext) {
    assertFound(await ctx.bouncer.allows(agentCan, 'administration.settings.manage', SERVICE))
    const changes = parseSettingsForm(
      'administration',
      administrationSettings,
      ctx.request.all(),
      ctx.i18n
    )
    await changeSettings(ctx.auth.use('agent').getUserOrFail(), 'administration', changes)
    ctx.session.flash('success', 'administration.settings.saved')
    return ctx.response.redirect().status(303).toPath(urls.back('settings'))
  }

  async #dayData(ctx: HttpContext) {
    const { points, point } = await this.#point(ctx)
    const day = this.#askedDate(ctx, 'jour').startOf('day')
    return {
      points,
      point,
      day: day.toISODate(),
      dayLabel: day.setLocale(ctx.i18n.locale).toFormat('cccc d LLLL yyyy'),
      previous: day.minus({ days: 1 }).toISODate(),
      next: day.plus({ days: 1 }).toISODate(),
      desks: point ? await dayDesks(point, day) : [],
      mayCancel: (appointment: Appointment) =>
        appointment.status === 'booked' && appointment.endsAt > clock.now(),
    }
  }

  /** The day (or week) asked for in the query string (YYYY-MM-DD, Paris), else today. */
  #askedDate(ctx: HttpContext, name: 'jour' | 'semaine') {
    const asked = String(ctx.request.input(name, ''))
    return DAY.test(asked) ? DateTime.fromISO(asked, { zone: ZONE }) : clock.local()
  }

  /** The ANTS numbers typed for each person, checked with the ANTS: what the booking keeps, or an error on each wrong number. */
  async #checkedNumbers(ctx: HttpContext, persons: number) {
    const check = await checkApplicationNumbers(
      typedNumbers((name) => ctx.request.input(name, ''), persons)
    )
    if ('unavailable' in check)
      throw fieldError('numero1', ctx.i18n.t('administration.numbers.unavailable'))
    if (!check.ok)
      throw new errors.E_VALIDATION_ERROR(
        Object.entries(check.problems).map(([index, problem]) => ({
          field: `numero${Number(index) + 1}`,
          message: this.#problemText(ctx, problem),
          rule: 'ants',
        }))
      )
    return { applicationIds: check.ids, antsStatuses: check.statuses }
  }

  #problemText(ctx: HttpContext, problem: NumberProblem) {
    if (problem.kind === 'status') return ctx.i18n.t(`administration.numbers.${problem.status}`)
    if (problem.kind === 'already_booked')
      return ctx.i18n.t('administration.numbers.already_booked', {
        place: problem.appointment.meetingPoint,
        date: problem.appointment.date,
      })
    return ctx.i18n.t(`administration.numbers.${problem.kind}`)
  }

  async #point(ctx: HttpContext) {
    const points = await MeetingPoint.query().where('serviceSlug', SERVICE).orderBy('id')
    const point =
      points.find((candidate) => candidate.id === Number(ctx.request.input('lieu'))) ??
      points[0] ??
      null
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
