import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { activityValidator, sessionValidator } from '../validators/activities.js'
import Activity from '../models/activity.js'
import ActivitySession from '../models/activity_session.js'
import { notFoundPage } from '#core/services/not_found'

/** Euros typed with a comma or a point, to cents. */
function toCents(value: string) {
  return Math.round(Number(value.replace(',', '.')) * 100)
}

/** /agents/enfance/activites: the service creates its activities and their sessions. */
export default class ActivitiesController {
  async create(ctx: HttpContext) {
    return ctx.view.render('childhood::service/activity_form')
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(activityValidator)
    if (input.maxAge < input.minAge)
      throw fieldError('maxAge', ctx.i18n.t('childhood.service.ages_order'))
    if (input.closesOn < input.opensOn)
      throw fieldError('closesOn', ctx.i18n.t('validator.shared.messages.dateAfter'))
    const { priceA, priceB, priceC, priceD, description, ...fields } = input
    const prices = {
      A: toCents(priceA),
      B: toCents(priceB),
      C: toCents(priceC),
      D: toCents(priceD),
    }
    const activity = await Activity.create({
      ...fields,
      description: description ?? null,
      prices,
      active: true,
    })
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
}
