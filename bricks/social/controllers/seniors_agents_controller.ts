import type { HttpContext } from '@adonisjs/core/http'
import { recordAudit } from '#accounts/actions/record_audit'
import { auditExport } from '#accounts/actions/audited_export'
import { agentCan } from '#accounts/abilities'
import { notFoundPage } from '#core/services/not_found'
import { sendCsv } from '#core/services/csv_download'
import { euros } from '#payments/services/invoice_pdf'
import ActivityRegistration from '#activities/models/activity_registration'
import { activitiesEngine } from '#activities/engine'
import {
  counterRegistrationValidator,
  pickupOrderValidator,
  seniorActivityValidator,
  seniorAttendanceValidator,
} from '../validators/seniors.js'
import { OWNER, registerAtCounter } from '../actions/register_senior.js'
import cancelSeniorRegistration from '../actions/cancel_senior_registration.js'
import createSeniorActivity from '../actions/create_senior_activity.js'
import SeniorRegistration from '../models/senior_registration.js'
import { seasonProgramme, seasons, seniorSession, sessionLists } from '../queries/seniors.js'
import { choicesOf, flashOutcome, refusalsAsFieldError } from '../services/seniors_forms.js'
import { participantsCsv } from '../services/seniors_csv.js'

const SERVICE = 'solidarites'
/** Build the programme, register at the counter, cancel, record attendance. */
const MANAGE = 'social.seniors.manage'

/**
 * /agents/solidarites/seniors: the programme per season, each session's
 * lists (participants with emergency contact, the shuttle's round, waiting
 * list), attendance, printable lists, CSV export and counter registrations.
 */
export default class SeniorsAgentsController {
  async programme(ctx: HttpContext) {
    const all = await seasons()
    const season = String(ctx.request.input('saison', all[0] ?? '')) || null
    const programme = await seasonProgramme(season)
    const mayManage = await ctx.bouncer.allows(agentCan, MANAGE, SERVICE)
    return ctx.view.render('social::seniors/agents/programme', {
      ...programme,
      seasons: all,
      season,
      mayManage,
      euros,
    })
  }

  async create(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    return ctx.view.render('social::seniors/agents/activity_form')
  }

  async store(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(seniorActivityValidator)
    const { session } = await createSeniorActivity(input)
    ctx.session.flash('success', 'social.seniors.agents.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/seniors/seances/${session.id}`)
  }

  async session(ctx: HttpContext) {
    const session = await seniorSession(Number(ctx.params.id))
    if (!session) return notFoundPage(ctx)
    const lists = await sessionLists(session)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await recordAudit(
      agent,
      'list.viewed',
      null,
      `seniors séance ${session.id}`,
      lists.placed.length
    )
    const print = ctx.request.url().endsWith('/imprimer')
    const mayManage = await ctx.bouncer.allows(agentCan, MANAGE, SERVICE)
    const view = print ? 'social::seniors/agents/print' : 'social::seniors/agents/session'
    return ctx.view.render(view, { ...lists, mayManage })
  }

  async export(ctx: HttpContext) {
    const session = await seniorSession(Number(ctx.params.id))
    if (!session) return notFoundPage(ctx)
    const lists = await sessionLists(session)
    const done = await auditExport(
      ctx.auth.use('agent').getUserOrFail(),
      'seniors',
      `séance ${session.id}`
    )
    return sendCsv(ctx, participantsCsv(session, lists.placed, done))
  }

  async attendance(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const session = await seniorSession(Number(ctx.params.id))
    if (!session) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(seniorAttendanceValidator)
    if (input.day < session.startsOn || input.day > session.endsOn) return notFoundPage(ctx)
    await activitiesEngine.recordAttendance(session.id, input.day, new Set(input.present ?? []))
    ctx.session.flash('success', 'social.seniors.agents.attendance_saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/seniors/seances/${session.id}`)
  }

  async counter(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(counterRegistrationValidator)
    const agent = ctx.auth.use('agent').getUserOrFail()
    await refusalsAsFieldError(
      ctx,
      async () => flashOutcome(ctx, await registerAtCounter(agent.id, input, choicesOf(input))),
      'name'
    )
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/seniors/seances/${input.session}`)
  }

  async cancel(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const registration = await ActivityRegistration.query()
      .where('id', Number(ctx.params.id))
      .where('owner', OWNER)
      .first()
    if (!registration) return notFoundPage(ctx)
    await cancelSeniorRegistration(registration.id)
    ctx.session.flash('success', 'social.seniors.agents.cancelled')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/seniors/seances/${registration.sessionId}`)
  }

  async pickupOrder(ctx: HttpContext) {
    if (await ctx.bouncer.denies(agentCan, MANAGE, SERVICE)) return notFoundPage(ctx)
    const details = await SeniorRegistration.query()
      .where('registrationId', Number(ctx.params.id))
      .preload('registration')
      .first()
    if (!details) return notFoundPage(ctx)
    const { order } = await ctx.request.validateUsing(pickupOrderValidator)
    await details.merge({ pickupOrder: order }).save()
    ctx.session.flash('success', 'social.seniors.agents.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/solidarites/seniors/seances/${details.registration.sessionId}`)
  }
}
