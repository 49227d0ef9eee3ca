import type { HttpContext } from '@adonisjs/core/http'
import { errors } from '@vinejs/vine'
import { DateTime } from 'luxon'
import type User from '#accounts/models/user'
import type Appointment from '#appointments/models/appointment'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'
import WaitingListEntry from '#appointments/models/waiting_list_entry'
import BookAppointment, {
  SlotNotOfferedError,
  SlotTakenError,
  type BookingRequest,
} from '#appointments/actions/book_appointment'
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
import { REASONS, startValidator, waitingValidator } from '../validators/booking.js'

export const SERVICE = 'etat_civil'
const urls = brickUrls('administration')
type Flow = 'titre' | 'retrait'

interface BookingState {
  reason?: (typeof REASONS)[number]
  persons: number
  applicationIds?: string[]
  antsStatuses?: Record<string, string>
  pointId?: number
  slot?: string
  contact?: { firstName: string; lastName: string; email: string; phone?: string }
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
    const reason =
      REASONS.find((candidate) => candidate === ctx.request.input('motif')) ??
      state?.reason ??
      'CNI'
    const persons = Number(ctx.request.input('personnes')) || state?.persons || 1
    if (ctx.request.input('lieu'))
      ctx.session.put(`${flow}_preselected`, {
        pointId: Number(ctx.request.input('lieu')),
        start: String(ctx.request.input('debut') ?? ''),
      })
    return ctx.view.render('administration::booking/start', {
      flow,
      reason,
      persons,
      simulated: antsIsSimulated(),
    })
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
    return ctx.view.render('administration::booking/numbers', {
      booking: state,
      simulated: antsIsSimulated(),
      outcome: null,
      numberLength: APPLICATION_ID_LENGTH,
    })
  }

  async checkNumbers(ctx: HttpContext) {
    const state = this.#state(ctx, 'titre')
    if (!state?.reason) return ctx.response.redirect().toPath(this.#base('titre'))
    const typed = Array.from({ length: state.persons }, (_, index) =>
      String(ctx.request.input(`numero${index + 1}`, '') ?? '')
    )
    const check = await checkApplicationNumbers(typed)
    if ('unavailable' in check) {
      ctx.response.status(503)
      return ctx.view.render('administration::booking/numbers', {
        booking: state,
        simulated: antsIsSimulated(),
        outcome: 'unavailable',
        numberLength: APPLICATION_ID_LENGTH,
        typed,
      })
    }
    if (!check.ok) throw this.#numberErrors(ctx, check.problems)
    this.#save(ctx, 'titre', { ...state, applicationIds: check.ids, antsStatuses: check.statuses })
    return ctx.response.redirect().status(303).toPath(urls.front('titre.slot'))
  }

  async slot(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    if (!this.#readyForSlot(flow, state)) return ctx.response.redirect().toPath(this.#base(flow))
    const type = await this.#type(flow)
    const points = await this.#points()
    assertFound(type && points.length > 0)
    const point = this.#chosenPoint(ctx, flow, state!, points)
    const link = (week: string, day?: string) =>
      urls.front(`${flow}.slot`, {}, { lieu: point.id, semaine: week, jour: day })
    const picker = await slotPicker({
      point,
      type,
      persons: state!.persons,
      week: ctx.request.input('semaine'),
      day: ctx.request.input('jour'),
      locale: ctx.i18n.locale,
      link,
    })
    const user = await this.#user(ctx)
    return ctx.view.render('administration::booking/slot', {
      flow,
      base: this.#base(flow),
      booking: state,
      type,
      points,
      point,
      picker,
      user,
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
    const user = await this.#user(ctx)
    return ctx.view.render('administration::booking/contact', {
      flow,
      base: this.#base(flow),
      booking: state,
      ...chosen,
      when: DateTime.fromISO(state.slot)
        .setZone(ZONE)
        .setLocale(ctx.i18n.locale)
        .toFormat("cccc d LLLL yyyy 'à' HH'h'mm"),
      contact:
        state.contact ??
        (user
          ? {
              firstName: user.firstName,
              lastName: user.lastName,
              email: user.email,
              phone: user.phone ?? '',
            }
          : { firstName: '', lastName: '', email: '', phone: '' }),
    })
  }

  async book(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    if (!state?.slot || !state.pointId) return ctx.response.redirect().toPath(this.#base(flow))
    const contact = await ctx.request.validateUsing(applicantValidator)
    this.#save(ctx, flow, { ...state, contact })
    const type = (await this.#type(flow))!
    const user = await this.#user(ctx)
    const start = DateTime.fromISO(state.slot, { zone: 'utc' })
    try {
      const appointment = await new BookAppointment().handle(
        this.#bookingRequest(flow, { ...state, contact }, type, user, start)
      )
      return this.#booked(ctx, flow, appointment)
    } catch (error) {
      if (!(error instanceof SlotTakenError || error instanceof SlotNotOfferedError)) throw error
      return this.#slotGone(ctx, flow, state, type, start, error)
    }
  }

  /** "Tell me when a slot frees up", offered when no slot is free. */
  async joinWaitingList(ctx: HttpContext) {
    const flow = this.#flow(ctx)
    const state = this.#state(ctx, flow)
    const type = await this.#type(flow)
    if (!type?.waitingList || !state) return ctx.response.redirect().toPath(this.#base(flow))
    const input = await ctx.request.validateUsing(waitingValidator)
    const user = await this.#user(ctx)
    await WaitingListEntry.create({
      meetingTypeId: type.id,
      meetingPointId: Number(ctx.request.input('point')) || null,
      persons: state.persons,
      userId: user?.id ?? null,
      email: input.email,
      firstName: input.firstName,
      status: 'waiting',
    })
    ctx.session.flash('success', 'administration.waiting_list.joined')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(urls.front(`${flow}.slot`))
  }

  /** What the resident booked: the session's choices and the contact details just given. */
  #bookingRequest(
    flow: Flow,
    state: BookingState,
    type: MeetingType,
    user: User | null,
    start: DateTime
  ): BookingRequest {
    const contact = state.contact!
    return {
      meetingPointId: state.pointId!,
      meetingTypeId: type.id,
      persons: state.persons,
      start,
      applicant: {
        userId: user?.id ?? null,
        firstName: contact.firstName,
        lastName: contact.lastName,
        email: contact.email,
        phone: contact.phone ?? null,
      },
      details:
        flow === 'titre'
          ? {
              reason: state.reason,
              applicationIds: state.applicationIds,
              antsStatuses: state.antsStatuses,
            }
          : {},
    }
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
    start: DateTime,
    error: SlotTakenError | SlotNotOfferedError
  ) {
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

  /** The chosen meeting point and the flow's type, if both still exist (and the type is bookable online). */
  async #pointAndType(flow: Flow, pointId: number) {
    const point = await MeetingPoint.find(pointId)
    const type = await this.#type(flow)
    return point && type ? { point, type } : null
  }

  async #user(ctx: HttpContext) {
    return (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user! : null
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
