import type { HttpContext } from '@adonisjs/core/http'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import Mandate from '#mediation/models/mandate'
import GrantMandate from '#mediation/actions/grant_mandate'
import RevokeMandate from '#mediation/actions/revoke_mandate'
import { onlineMandateValidator, MAX_MANDATE_MONTHS } from '#mediation/validators/mandate'
import { knownScope, scopeLabel, scopeOptions } from '#mediation/services/scopes'
import { mediators } from '#mediation/services/mediators'
import { residentMandate } from '#mediation/policies/mandate_policy'

/** /mon-espace/mandats: the resident's mandates to mediators, given online and revoked at any time. */
export default class ResidentMandatesController {
  async index({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const mandates = await Mandate.query()
      .where('userId', user.id)
      .preload('agent')
      .orderBy('id', 'desc')
    return view.render('mediation::resident/index', { mandates, scopeLabel })
  }

  async create({ view }: HttpContext) {
    return view.render('mediation::resident/create', {
      mediators: await mediators(),
      scopes: scopeOptions(),
      maxMonths: MAX_MANDATE_MONTHS,
    })
  }

  async store({ request, response, auth, session, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const input = await request.validateUsing(onlineMandateValidator)
    const mediator = await mediators().where('agents.id', input.mediator).first()
    if (!mediator) throw fieldError('mediator', i18n.t('mediation.mandate.unknown_mediator'))
    if (!knownScope(input.scope))
      throw fieldError('scope', i18n.t('mediation.mandate.unknown_scope'))
    await new GrantMandate().handle({
      user,
      mediator,
      scope: input.scope,
      months: input.months,
      channel: 'online',
    })
    session.flash('success', 'mediation.mandate.granted')
    return response.redirect().status(303).toPath('/mon-espace/mandats')
  }

  async revoke(ctx: HttpContext) {
    const mandate = await residentMandate(ctx.auth.use('web').getUserOrFail(), ctx.params.id)
    if (!mandate) return notFoundPage(ctx)
    await new RevokeMandate().handle(mandate)
    ctx.session.flash('success', 'mediation.mandate.revoked')
    return ctx.response.redirect().status(303).toPath('/mon-espace/mandats')
  }
}
