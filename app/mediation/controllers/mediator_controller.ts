import type { HttpContext } from '@adonisjs/core/http'
import User from '#accounts/models/user'
import { recordAudit } from '#accounts/actions/record_audit'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { checkUploads, sentFiles } from '#demands/services/uploads'
import GrantMandate from '#mediation/actions/grant_mandate'
import { paperMandateValidator, MAX_MANDATE_MONTHS } from '#mediation/validators/mandate'
import { knownScope, scopeLabel, scopeOptions } from '#mediation/services/scopes'
import { activeMandatesOf, mediatorMandate } from '#mediation/policies/mandate_policy'
import { ACTING_KEY, startActing, stopActing, type ActingState } from '#mediation/services/acting'
import { SCANNED_MANDATE } from '#mediation/services/scan'

/**
 * /agents/mediation: the mediator's residents (only those whose mandate to
 * them holds now), paper mandates recorded at the counter, and the session
 * "for" a resident opened and ended.
 */
export default class MediatorController {
  async index({ view, auth }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const mandates = await activeMandatesOf(agent).preload('user').orderBy('endsAt', 'asc')
    await recordAudit(agent, 'list.viewed', null, 'mediation', mandates.length)
    return view.render('mediation::agents/index', { mandates, scopeLabel })
  }

  async createMandate({ view, request }: HttpContext) {
    return view.render('mediation::agents/mandate_form', {
      scopes: scopeOptions(),
      maxMonths: MAX_MANDATE_MONTHS,
      resident: String(request.input('usager', '')).slice(0, 254),
    })
  }

  async storeMandate({ request, response, auth, session, i18n }: HttpContext) {
    const agent = auth.use('agent').getUserOrFail()
    const input = await request.validateUsing(paperMandateValidator)
    const user = await findResident(input.resident)
    if (!user) throw fieldError('resident', i18n.t('mediation.mandate.unknown_resident'))
    if (!knownScope(input.scope))
      throw fieldError('scope', i18n.t('mediation.mandate.unknown_scope'))
    const files = sentFiles(request.files('scan'))
    if (files.length === 0) throw fieldError('scan', i18n.t('mediation.mandate.scan_required'))
    const checked = await checkUploads(files, SCANNED_MANDATE)
    if ('problem' in checked)
      throw fieldError('scan', i18n.t(checked.problem.key, checked.problem.data))
    await new GrantMandate().handle({
      user,
      mediator: agent,
      scope: input.scope,
      months: input.months,
      channel: 'paper',
      scan: checked.accepted[0],
    })
    session.flash('success', 'mediation.mandate.recorded')
    return response.redirect().status(303).toPath('/agents/mediation')
  }

  async startSession(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const mandate = await mediatorMandate(agent, ctx.params.id)
    if (!mandate) return notFoundPage(ctx)
    await mandate.load('user')
    await startActing(ctx, agent, mandate, mandate.user)
    return ctx.response.redirect().status(303).toPath('/mon-espace')
  }

  async endSession(ctx: HttpContext) {
    const state = ctx.session.get(ACTING_KEY) as ActingState | undefined
    if (state) {
      const mandate = ctx.actingFor ? { id: state.mandateId, userId: ctx.actingFor.userId } : null
      await stopActing(ctx, state, mandate, 'ended by the mediator')
      ctx.session.flash('success', 'mediation.session.ended')
    }
    return ctx.response.redirect().status(303).toPath('/agents/mediation')
  }
}

/** A resident named at the counter by their e-mail address or their account number. */
function findResident(typed: string) {
  const value = typed.trim()
  if (/^\d{1,9}$/.test(value)) return User.find(Number(value))
  return User.findBy('email', value.toLowerCase())
}
