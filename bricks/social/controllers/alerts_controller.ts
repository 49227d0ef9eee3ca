import type { HttpContext } from '@adonisjs/core/http'
import { auditRegisterRead } from '../services/register_audit.js'
import { clock } from '#core/clock'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Alert from '../models/alert.js'
import OpenAlert, { AlertRefusedError } from '../actions/open_alert.js'
import LogCall, { CallRefusedError } from '../actions/log_call.js'
import { alertOverview, callPagePath, sectorCallList } from '../queries/call_lists.js'
import { alertValidator, callValidator, RegisterMessages } from '../validators/register.js'

/**
 * /agents/solidarites/alertes: the alerts (canicule, grand froid), each with
 * its day's call lists by sector, its visit list and its statistics; the
 * call page of a sector is made for a phone and works without JavaScript.
 */
export default class AlertsController {
  async index({ view }: HttpContext) {
    const alerts = await Alert.query().orderBy('startsOn', 'desc').orderBy('id', 'desc').limit(100)
    return view.render('social::alerts/index', { alerts, today: clock.today() })
  }

  async store(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(alertValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    const alert = await new OpenAlert()
      .handle(ctx.auth.use('agent').getUserOrFail(), input)
      .catch((error) => {
        if (error instanceof AlertRefusedError) throw fieldError(error.field, ctx.i18n.t(error.key))
        throw error
      })
    ctx.session.flash('success', 'social.alerts.opened')
    return ctx.response.redirect().status(303).toPath(`/agents/solidarites/alertes/${alert.id}`)
  }

  async show(ctx: HttpContext) {
    const alert = await Alert.find(Number(ctx.params.id) || 0)
    if (!alert) return notFoundPage(ctx)
    const today = clock.today()
    const overview = await alertOverview(alert, today)
    await auditRegisterRead(ctx, `alerte ${alert.id} : visites`, overview.visits.length)
    const current = alert.covers(today)
    return ctx.view.render('social::alerts/show', { alert, ...overview, today, current })
  }

  async sector(ctx: HttpContext) {
    const alert = await Alert.find(Number(ctx.params.id) || 0)
    const today = clock.today()
    const list = alert && (await sectorCallList(alert, today, Number(ctx.params.sector) || null))
    if (!alert || !list) return notFoundPage(ctx)
    const name = list.sector?.name ?? 'sans secteur'
    await auditRegisterRead(ctx, `alerte ${alert.id} : appels ${name}`, list.people.length)
    const current = alert.covers(today)
    return ctx.view.render('social::alerts/calls', { alert, list, today, current })
  }

  async call(ctx: HttpContext) {
    const alert = await Alert.find(Number(ctx.params.id) || 0)
    if (!alert) return notFoundPage(ctx)
    const input = await ctx.request.validateUsing(callValidator, {
      messagesProvider: new RegisterMessages(ctx.i18n),
    })
    await new LogCall()
      .handle(ctx.auth.use('agent').getUserOrFail(), alert, input)
      .catch((error) => {
        throw error instanceof CallRefusedError
          ? fieldError('entry', ctx.i18n.t(error.message))
          : error
      })
    ctx.session.flash('success', `social.alerts.logged.${input.outcome}`)
    const back = callPagePath(alert, String(ctx.request.input('back', '')), input.entry)
    return ctx.response.redirect().status(303).toPath(back)
  }
}
