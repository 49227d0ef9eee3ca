import type { HttpContext } from '@adonisjs/core/http'
import Appointment from '#appointments/models/appointment'
import MeetingType from '#appointments/models/meeting_type'
import { agentServiceSlugs } from '#accounts/services/agent_services'
import { auditConfidentialOpening } from '#accounts/services/confidentiality'
import { recordAudit } from '#accounts/actions/record_audit'
import { appointmentReference } from '#appointments/queries/agent_appointments'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { found } from '#core/http/not_found'
import RecordHousingOutcome from '../actions/record_housing_outcome.js'
import { housingOutcomeValidator } from '../validators/housing.js'
import { HOUSING_TYPE, OUTCOMES } from '../services/housing.js'

function housingAppointments(serviceSlugs: string[]) {
  return Appointment.query().whereIn(
    'meetingTypeId',
    MeetingType.query()
      .select('id')
      .where('key', HOUSING_TYPE)
      .whereIn('serviceSlug', serviceSlugs.length ? serviceSlugs : ['-'])
  )
}

/**
 * /agents/solidarites/logement: the housing adviser's coming appointments,
 * who and why, the outcomes counted for the statistics, and one
 * appointment's page (audited) where the outcome is recorded.
 */
export default class AgentsHousingController {
  async index(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const slugs = await agentServiceSlugs(agent)
    const coming = await housingAppointments(slugs)
      .where('status', 'booked')
      .where('startsAt', '>=', dbTimestamp(clock.now().startOf('day')))
      .preload('meetingPoint')
      .orderBy('startsAt')
      .limit(200)
    await recordAudit(agent, 'list.viewed', null, 'rendez-vous logement social', coming.length)
    const all = await housingAppointments(slugs).select('details')
    const counts = OUTCOMES.map((outcome) => ({
      outcome,
      count: all.filter((row) => row.details?.outcome === outcome).length,
    }))
    return ctx.view.render('social::housing/agents_index', { coming, counts, appointmentReference })
  }

  async show(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    return ctx.view.render('social::housing/agents_show', {
      appointment,
      reference: appointmentReference(appointment),
      outcomes: OUTCOMES,
    })
  }

  async outcome(ctx: HttpContext) {
    const appointment = await this.#appointment(ctx)
    const { outcome } = await ctx.request.validateUsing(housingOutcomeValidator)
    await new RecordHousingOutcome().handle(
      ctx.auth.use('agent').getUserOrFail(),
      appointment,
      outcome
    )
    ctx.session.flash('success', 'social.housing.agents.recorded')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/logement/${appointment.id}`)
  }

  /** A housing appointment of the agent's services (else 404), its opening audited as confidential. */
  async #appointment(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const appointment = found(
      await housingAppointments(await agentServiceSlugs(agent))
        .where('id', Number(ctx.params.id) || 0)
        .preload('meetingPoint')
        .first()
    )
    await auditConfidentialOpening(agent, appointmentReference(appointment), null)
    return appointment
  }
}
