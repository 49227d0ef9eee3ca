import type { HttpContext } from '@adonisjs/core/http'
import { loggedInResident } from '#accounts/services/sessions'
import { errors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import { slotPicker } from '#appointments/services/slot_picker'
import { renderSlotUnavailable } from '#appointments/services/slot_unavailable'
import { grantAppointment } from '#appointments/services/manage_links'
import { ZONE } from '#appointments/services/slots'
import { slotChoiceValidator } from '#appointments/validators/slot_choice'
import { fieldError } from '#core/services/form_errors'
import { assertFound } from '#core/http/not_found'
import { brickUrls, routeUrl } from '#core/http/route_url'
import { applicantValidator } from '#demands/validators/filing'
import { checkApplicationNumbers, type NumberProblem } from '../services/ants_check.js'
import { antsIsSimulated } from '../connectors/ants.js'
import { APPLICATION_ID_LENGTH } from '../connectors/ants_client.js'
import { PICKUP_TYPE, TITLE_TYPE } from '../appointments.js'
import { REASONS, startValidator, typedNumbers, waitingValidator } from '../validators/booking.js'
import BookOnline, { type BookingState, type Flow } from '../actions/book_online.js'
import JoinWaitingList from '../actions/join_waiting_list.js'

export const SERVICE = 'etat_civil'
const urls = brickUrls('administration')

/** The reason asked for in the URL (the ANTS hub sends it), else the one chosen before, else an ID card. */
function askedReason(asked: unknown, state: BookingState | null) {
  return REASONS.find((candidate) => candidate === asked) ?? state?.reason ?? 'CNI'
}

/** The week or day of free slots asked for at a meeting point, its links keeping the flow and the point. */
function residentPicker(
  ctx: HttpContext,
  flow: Flow,
  point: MeetingPoint,
  type: MeetingType,
  persons: number
) {
  return slotPicker({
    point,
    type,
    persons,
    week: ctx.request.input('semaine'),
    day: ctx.request.input('jour'),
    locale: ctx.i18n.locale,
    link: (week: string, day?: string) =>
      urls.front(`${flow}.slot`, {}, { lieu: point.id, semaine: week, jour: day }),
  })
}

/** The chosen slot as the contact page says it, in Paris time. */
function slotLabel(slot: string, locale: string) {
  return DateTime.fromISO(slot)
    .setZone(ZONE)
    .setLocale(locale)
    .toFormat("cccc d LLLL yyyy 'à' HH'h'mm")
}

/** The contact form's first values: the signed-in resident's details, else blank. */
function contactOf(user: User | null) {
  if (!user) return { firstName: '', lastName: '', email: '', phone: '' }
  return {
    firstName: user.firstName,
    lastName: user.lastName,
    email: user.email,
    phone: user.phone ?? '',
  }
}

/**
 * Booking an ID-card / passport appointment (with the ANTS pre-demande
 * checks) or a pick-up appointment, step by step and without JavaScript.
 * What was chosen so far lives in the session until the booking is made.
 */
export default class BookingController {
  async start(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    // The ANTS hub sends people here with their search (see availableTimeSlots' callback_url).
    const reason = askedReason(ctx.request.input('motif'), state)
    const persons = Number(ctx.request.input('personnes')) || state?.persons || 1
    if (ctx.request.input('lieu'))
      ctx.session.put(`${flow}_preselected`, {
        pointId: Number(ctx.request.input('lieu')),
        start: String(ctx.request.input('debut') ?? ''),
      })
    const simulated = antsIsSimulated()
    return ctx.view.render('administration::booking/start', { flow, reason, persons, simulated })
  }

  async saveStart(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    if (flow === 'retrait') {
      this.#save(ctx, flow, { persons: 1 })
      return ctx.response
        .redirect()
        .status(303)
        .toPath(urls.front(`${flow}.slot`))
    }
    const input = await ctx.request.validateUsing(startValidator)
    this.#save(ctx, flow, { reason: input.reason, persons: input.persons })
    return ctx.response.redirect().status(303).toPath(urls.front('titre.numbers'))
  }

  async numbers(ctx: HttpContext) {
    const state = this.#state(ctx, 'titre')
    if (!state?.reason) return ctx.response.redirect().toPath(this.#base('titre'))
    return this.#numbersPage(ctx, state, null)
  }

  async checkNumbers(ctx: HttpContext) {
    const state = this.#state(ctx, 'titre')
    if (!state?.reason) return ctx.response.redirect().toPath(this.#base('titre'))
    const typed = typedNumbers((name) => ctx.request.input(name, ''), state.persons)
    const check = await checkApplicationNumbers(typed)
    if ('unavailable' in check) {
      ctx.response.status(503)
      return this.#numbersPage(ctx, state, 'unavailable', typed)
    }
    if (!check.ok) throw this.#numberErrors(ctx, check.problems)
    this.#save(ctx, 'titre', { ...state, applicationIds: check.ids, antsStatuses: check.statuses })
    return ctx.response.redirect().status(303).toPath(urls.front('titre.slot'))
  }

  async slot(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    if (!this.#readyForSlot(flow, state)) return ctx.response.redirect().toPath(this.#base(flow))
    const { type, points, point } = await this.#slotChoices(ctx, flow, state!)
    return ctx.view.render('administration::booking/slot', {
      flow,
      base: this.#base(flow),
      booking: state,
      type,
      points,
      point,
      picker: await residentPicker(ctx, flow, point, type, state!.persons),
      user: await loggedInResident(ctx),
      duration: type.durationFor(state!.persons),
    })
  }

  async chooseSlot(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    if (!this.#readyForSlot(flow, state)) return ctx.response.redirect().toPath(this.#base(flow))
    const input = await ctx.request.validateUsing(slotChoiceValidator)
    if (!DateTime.fromISO(input.slot).isValid)
      throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    this.#save(ctx, flow, { ...state!, pointId: input.point, slot: input.slot })
    return ctx.response
      .redirect()
      .status(303)
      .toPath(urls.front(`${flow}.contact`))
  }

  async contact(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    const chosen =
      state?.slot && state.pointId ? await this.#pointAndType(flow, state.pointId) : null
    if (!state?.slot || !chosen) return ctx.response.redirect().toPath(this.#base(flow))
    const user = await loggedInResident(ctx)
    return ctx.view.render('administration::booking/contact', {
      flow,
      base: this.#base(flow),
      booking: state,
      ...chosen,
      when: slotLabel(state.slot, ctx.i18n.locale),
      contact: state.contact ?? contactOf(user),
    })
  }

  async book(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    if (!state?.slot || !state.pointId) return ctx.response.redirect().toPath(this.#base(flow))
    const contact = await ctx.request.validateUsing(applicantValidator)
    this.#save(ctx, flow, { ...state, contact })
    const type = (await this.#type(flow))!
    const user = await loggedInResident(ctx)
    try {
      const appointment = await new BookOnline().handle(flow, { ...state, contact }, type, user)
      return this.#booked(ctx, flow, appointment)
    } catch (error) {
      if (!(error instanceof SlotTakenError || error instanceof SlotNotOfferedError)) throw error
      return this.#slotGone(ctx, flow, state, type, error)
    }
  }

  /** "Tell me when a slot frees up", offered when no slot is free. */
  async joinWaitingList(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    const type = await this.#type(flow)
    if (!type?.waitingList || !state) return ctx.response.redirect().toPath(this.#base(flow))
    const input = await ctx.request.validateUsing(waitingValidator)
    const pointId = Number(ctx.request.input('point')) || null
    const request = { ...input, pointId, persons: state.persons }
    await new JoinWaitingList().handle(type, request, await loggedInResident(ctx))
    ctx.session.flash('success', 'administration.waiting_list.joined')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(urls.front(`${flow}.slot`))
  }

  /** Booked: the choices are forgotten, this session may manage the appointment, whose page says it is confirmed. */
  #booked(ctx: HttpContext, flow: Flow, appointment: Appointment) {
    ctx.session.forget(`booking_${flow}`)
    grantAppointment(ctx.session, appointment.id)
    ctx.session.flash('success', 'administration.booking.confirmed')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(routeUrl('appointments.manage', { id: appointment.id }))
  }

  /** Someone took the slot meanwhile (or it is no longer offered): the page says so and offers the next ones. */
  async #slotGone(
    ctx: HttpContext,
    flow: Flow,
    state: BookingState,
    type: MeetingType,
    error: SlotTakenError | SlotNotOfferedError
  ) {
    const start = DateTime.fromISO(state.slot!, { zone: 'utc' })
    const point = (await MeetingPoint.find(state.pointId!))!
    const slotUrl = urls.front(`${flow}.slot`)
    return renderSlotUnavailable(ctx, error, {
      point,
      type,
      persons: state.persons,
      start,
      action: slotUrl,
      hidden: { point: point.id },
      back: urls.front(`${flow}.slot`, {}, { lieu: point.id }),
    })
  }

  /** One error per wrong ANTS number; a number already booked elsewhere is also shown with that appointment. */
  #numberErrors(ctx: HttpContext, problems: Record<string, NumberProblem>) {
    const booked = Object.values(problems).find(
      (problem): problem is Extract<NumberProblem, { kind: 'already_booked' }> =>
        problem.kind === 'already_booked'
    )
    if (booked) ctx.session.flash('already_booked', booked.appointment)
    return new errors.E_VALIDATION_ERROR(
      Object.entries(problems).map(([index, problem]) => ({
        field: `numero${Number(index) + 1}`,
        message: this.#problemText(ctx, problem),
        rule: 'ants',
      }))
    )
  }

  /** The point asked for in the URL, else the one chosen before or preselected by the ANTS hub, else the first. */
  #chosenPoint(ctx: HttpContext, flow: Flow, state: BookingState, points: MeetingPoint[]) {
    const preselected = ctx.session.get(`${flow}_preselected`) as { pointId: number } | undefined
    return (
      points.find((candidate) => candidate.id === Number(ctx.request.input('lieu'))) ??
      points.find((candidate) => candidate.id === (state.pointId ?? preselected?.pointId)) ??
      points[0]
    )
  }

  /** The page that asks for the ANTS numbers, with what was typed and why it is shown again, if it is. */
  #numbersPage(
    ctx: HttpContext,
    state: BookingState,
    outcome: 'unavailable' | null,
    typed?: string[]
  ) {
    return ctx.view.render('administration::booking/numbers', {
      booking: state,
      simulated: antsIsSimulated(),
      outcome,
      numberLength: APPLICATION_ID_LENGTH,
      typed,
    })
  }

  /** The flow's type and the meeting points (404 if there is none), and the point to show. */
  async #slotChoices(ctx: HttpContext, flow: Flow, state: BookingState) {
    const type = await this.#type(flow)
    const points = await this.#points()
    assertFound(type && points.length > 0)
    return { type, points, point: this.#chosenPoint(ctx, flow, state, points) }
  }

  /** The chosen meeting point and the flow's type, if both still exist (and the type is bookable online). */
  async #pointAndType(flow: Flow, pointId: number) {
    const point = await MeetingPoint.find(pointId)
    const type = await this.#type(flow)
    return point && type ? { point, type } : null
  }

  #problemText(ctx: HttpContext, problem: NumberProblem) {
    if (problem.kind === 'already_booked')
      return ctx.i18n.t('administration.numbers.already_booked', {
        place: problem.appointment.meetingPoint,
        date: DateTime.fromISO(problem.appointment.date).toFormat("dd/MM/yyyy 'à' HH'h'mm"),
      })
    if (problem.kind === 'status') return ctx.i18n.t(`administration.numbers.${problem.status}`)
    return ctx.i18n.t(`administration.numbers.${problem.kind}`)
  }

  #readyForSlot(flow: Flow, state: BookingState | null) {
    if (!state) return false
    return flow === 'retrait' || Boolean(state.applicationIds?.length)
  }

  #flow(ctx: HttpContext): Flow {
    return ctx.request.url().startsWith(urls.front('retrait.start')) ? 'retrait' : 'titre'
  }

  #base(flow: Flow) {
    return urls.front(`${flow}.start`)
  }

  #state(ctx: HttpContext, flow: Flow): BookingState | null {
    return ctx.session.get(`booking_${flow}`, null)
  }

  #save(ctx: HttpContext, flow: Flow, state: BookingState) {
    ctx.session.put(`booking_${flow}`, state)
  }

  /** The flow's meeting type, if residents may book it online (an admin can keep a type for agents only). */
  async #type(flow: Flow) {
    return MeetingType.query()
      .where('key', flow === 'retrait' ? PICKUP_TYPE : TITLE_TYPE)
      .where('active', true)
      .where('bookableBy', 'resident')
      .first()
  }

  async #points() {
    return MeetingPoint.query().where('serviceSlug', SERVICE).where('active', true).orderBy('id')
  }
}
