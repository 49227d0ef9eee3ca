import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import AppointmentPolicy from '#appointments/policies/appointment_policy'
import { SlotNotOfferedError, SlotTakenError } from '#appointments/actions/book_appointment'
import {
  AppointmentNotChangeableError,
  moveAppointment,
} from '#appointments/actions/change_appointment'
import {
  appointmentFilters,
  appointmentReference,
  appointmentsPage,
  filterQuery,
  periodOf,
  pointsOfServices,
  SEARCH_MAXLENGTH,
  type AppointmentFilters,
} from '#appointments/queries/agent_appointments'
import { findAppointmentWithDetails } from '#appointments/queries/manage'
import { pointsOfType } from '#appointments/queries/meeting_types'
import { movePicker } from '#appointments/services/slot_picker'
import { slotUnavailableKeys } from '#appointments/services/slot_unavailable'
import { slotChoiceValidator } from '#appointments/validators/slot_choice'
import { fieldError } from '#core/services/form_errors'
import { found, assertFound } from '#core/http/not_found'
import { routeUrl } from '#core/http/route_url'
import { appointmentsCsv, appointmentsFilterText } from '#appointments/services/appointments_csv'
import { recordAudit } from '#accounts/actions/record_audit'
import { auditConfidentialOpening, isConfidentialService } from '#accounts/services/confidentiality'
import { auditExport } from '#accounts/actions/audited_export'
import { sendCsv } from '#core/services/csv_download'

/** The list's links: the previous and next day or week, the export of the same filter. */
function periodLinks(filters: AppointmentFilters) {
  const { from } = periodOf(filters)
  const step = filters.period === 'semaine' ? { weeks: 1 } : { days: 1 }
  const at = (day: DateTime) =>
    routeUrl('appointments.agents.index', {}, { ...filterQuery(filters), jour: day.toISODate()! })
  return {
    previousUrl: at(from.minus(step)),
    followingUrl: at(from.plus(step)),
    exportUrl: routeUrl('appointments.agents.export', {}, filterQuery(filters)),
  }
}

/** What the list page shows besides its rows: the filters, the points, the period and its links. */
async function listPage(slugs: string[], filters: AppointmentFilters) {
  const { from, to } = periodOf(filters)
  const last = to.minus({ days: 1 })
  return {
    filters,
    points: await pointsOfServices(slugs),
    periodLabel:
      filters.period === 'semaine'
        ? `${from.toFormat('dd/MM/yyyy')} – ${last.toFormat('dd/MM/yyyy')}`
        : from.toFormat('dd/MM/yyyy'),
    ...periodLinks(filters),
    searchMaxlength: SEARCH_MAXLENGTH,
  }
}

/**
 * /agents/rendez-vous: the appointments of the agent's services, a day or a
 * week at a time, searched by name, e-mail or reference (RDV-…), page after
 * page by key (its CSV export is back_office's, which may write the audit
 * log); an appointment's page where an agent moves it to another free slot.
 */
export default class AgentAppointmentsController {
  async index(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const slugs = await agentServiceSlugs(agent)
    const filters = appointmentFilters(ctx.request.qs())
    const after = Number(ctx.request.input('apres')) || null
    const { appointments, more } = await appointmentsPage(slugs, filters, after)
    const detail = `rendez-vous ${appointmentsFilterText(filters)}`
    await recordAudit(agent, 'list.viewed', null, detail, appointments.length)
    const next = more ? { ...filterQuery(filters), apres: appointments.at(-1)!.id } : null
    return ctx.view.render('appointments::agents/index', {
      ...(await listPage(slugs, filters)),
      appointments,
      nextUrl: next ? routeUrl('appointments.agents.index', {}, next) : null,
    })
  }
  /** The same list (the agent's services, the same filter) as CSV, audited with its row count. */
  async export(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const filters = appointmentFilters(ctx.request.qs())
    const csv = appointmentsCsv(await agentServiceSlugs(agent), filters)
    const onDone = await auditExport(agent, 'rendez-vous', appointmentsFilterText(filters))
    return sendCsv(ctx, { ...csv, onDone })
  }

  async show(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    return ctx.view.render('appointments::agents/show', {
      appointment,
      reference: appointmentReference(appointment),
    })
  }

  async editMove(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    const points = await pointsOfType(appointment.meetingType)
    const point =
      points.find((candidate) => candidate.id === Number(ctx.request.input('lieu'))) ??
      appointment.meetingPoint
    return ctx.view.render('appointments::agents/move', {
      appointment,
      points,
      point,
      picker: await movePicker(ctx, appointment, point, 'appointments.agents.move.edit'),
    })
  }

  async move(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    const { point, slot } = await ctx.request.validateUsing(slotChoiceValidator)
    const start = DateTime.fromISO(slot, { zone: 'utc' })
    if (!start.isValid) throw fieldError('slot', ctx.i18n.t('appointments.picker.choose'))
    try {
      await moveAppointment(appointment.id, { meetingPointId: point, start })
    } catch (error) {
      this.#refused(ctx, error)
    }
    ctx.session.flash('success', 'appointments.agents.moved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(routeUrl('appointments.agents.show', { id: appointment.id }))
  }

  /** A move the agenda refuses is shown next to the slots (taken meanwhile, not offered, or no longer booked). */
  #refused(ctx: HttpContext, error: unknown): never {
    if (error instanceof AppointmentNotChangeableError)
      throw fieldError('slot', ctx.i18n.t('appointments.agents.not_changeable'))
    if (error instanceof SlotTakenError || error instanceof SlotNotOfferedError)
      throw fieldError('slot', ctx.i18n.t(slotUnavailableKeys(error).title))
    throw error
  }

  /** The appointment, if it belongs to one of the agent's services (else 404); a confidential service's opening is audited. */
  async #appointment(ctx: HttpContext) {
    const appointment = found(await findAppointmentWithDetails(Number(ctx.params.id)))
    assertFound(await ctx.bouncer.with(AppointmentPolicy).allows('manage', appointment))
    if (isConfidentialService(appointment.meetingPoint.serviceSlug))
      await auditConfidentialOpening(
        ctx.auth.use('agent').getUserOrFail(),
        appointmentReference(appointment),
        null
      )
    return appointment
  }
}
