import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { activityValidator, misorderedField, sessionValidator } from '../validators/activities.js'
import CreateActivity from '../actions/create_activity.js'
import UpdateActivity from '../actions/update_activity.js'
import UpdateSession from '../actions/update_session.js'
import SetActivityOpening from '../actions/set_activity_opening.js'
import SetSessionOpening from '../actions/set_session_opening.js'
import { openingValidator } from '../validators/schools.js'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import { notFoundPage } from '#core/services/not_found'

/**
 * /agents/enfance/activites: the service creates its activities and their
 * sessions, corrects them, closes them to registrations and opens them again.
 */
export default class ActivitiesController {
  async create(ctx: HttpContext) {
    return ctx.view.render('childhood::service/activity_form', { activity: null })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(activityValidator)
    const misordered = misorderedField(input)
    if (misordered) throw fieldError(misordered.field, ctx.i18n.t(misordered.key))
    const activity = await new CreateActivity().handle(input)
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${activity.id}/seances`)
  }

  async sessions(ctx: HttpContext) {
    const activity = await Activity.query()
      .where('id', Number(ctx.params.id) || 0)
      .preload('sessions', (sessions) => sessions.orderBy('startsOn'))
      .first()
    if (!activity) return notFoundPage(ctx)
    return ctx.view.render('childhood::service/sessions_form', { activity })
  }

  async addSession(ctx: HttpContext) {
    const activity = await Activity.find(Number(ctx.params.id) || 0)
    if (!activity) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(sessionValidator)
    if (input.endsOn < input.startsOn)
      throw fieldError('endsOn', ctx.i18n.t('validator.shared.messages.dateAfter'))
    await ActivitySession.create({ activityId: activity.id, ...input })
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${activity.id}/seances`)
  }

  async edit(ctx: HttpContext) {
    const activity = await Activity.find(Number(ctx.params.id) || 0)
    if (!activity) return notFoundPage(ctx)
    return ctx.view.render('childhood::service/activity_form', { activity })
  }

  async update(ctx: HttpContext) {
    const activity = await Activity.find(Number(ctx.params.id) || 0)
    if (!activity) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(activityValidator)
    const misordered = misorderedField(input)
    if (misordered) throw fieldError(misordered.field, ctx.i18n.t(misordered.key))
    await new UpdateActivity().handle(activity, input)
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${activity.id}/seances`)
  }

  async opening(ctx: HttpContext) {
    const activity = await Activity.find(Number(ctx.params.id) || 0)
    if (!activity) return notFoundPage(ctx)
    const { decision } = await ctx.request.validateUsing(openingValidator)
    await new SetActivityOpening().handle(activity, decision === 'reopen')
    ctx.session.flash('success', `childhood.opening.activity_${decision}`)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${activity.id}/seances`)
  }

  async editSession(ctx: HttpContext) {
    const session = await ActivitySession.query()
      .where('id', Number(ctx.params.id) || 0)
      .preload('activity')
      .first()
    if (!session) return notFoundPage(ctx)
    return ctx.view.render('childhood::service/session_edit', { session })
  }

  async updateSession(ctx: HttpContext) {
    const session = await ActivitySession.find(Number(ctx.params.id) || 0)
    if (!session) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(sessionValidator)
    if (input.endsOn < input.startsOn)
      throw fieldError('endsOn', ctx.i18n.t('validator.shared.messages.dateAfter'))
    await new UpdateSession().handle(session, input)
    ctx.session.flash('success', 'childhood.service.saved')
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${session.activityId}/seances`)
  }

  async sessionOpening(ctx: HttpContext) {
    const session = await ActivitySession.find(Number(ctx.params.id) || 0)
    if (!session) return notFoundPage(ctx)
    const { decision } = await ctx.request.validateUsing(openingValidator)
    await new SetSessionOpening().handle(session, decision === 'reopen')
    ctx.session.flash('success', `childhood.opening.session_${decision}`)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(`/agents/enfance/activites/${session.activityId}/seances`)
  }
}
