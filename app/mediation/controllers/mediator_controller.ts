import type { HttpContext } from '@adonisjs/core/http'
import User from '#accounts/models/user'
import { recordAudit } from '#accounts/actions/record_audit'
import { fieldError } from '#core/services/form_errors'
import { notFoundPage } from '#core/services/not_found'
import { sendStoredFile } from '#demands/services/send_files'
import GrantMandate from '#mediation/actions/grant_mandate'
import { paperMandateValidator, MAX_MANDATE_MONTHS } from '#mediation/validators/mandate'
import { knownScope, scopeLabel, scopeOptions } from '#mediation/services/scopes'
import { activeMandatesOf, mediatorMandate } from '#mediation/policies/mandate_policy'
import { ACTING_KEY, startActing, stopActing, type ActingState } from '#mediation/services/acting'
import { sentScan } from '#mediation/services/scan'

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

  async storeMandate(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const { resident, scope, months } = await ctx.request.validateUsing(paperMandateValidator)
    const user = await mandatingResident(ctx, resident, scope)
    const scan = await sentScan(ctx)
    await new GrantMandate().handle({
      user,
      mediator: agent,
      scope,
      months,
      channel: 'paper',
      scan,
    })
    ctx.session.flash('success', 'mediation.mandate.recorded')
    return ctx.response.redirect().status(303).toPath('/agents/mediation')
  }

  /** The signed form of a paper mandate that holds now, audited like every file opened. */
  async scan(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const mandate = await mediatorMandate(agent, ctx.params.id)
    if (!mandate?.scanKey) return notFoundPage(ctx)
    await recordAudit(agent, 'file.downloaded', null, `mandat ${mandate.id}`)
    return sendStoredFile(ctx, {
      storageKey: mandate.scanKey,
      originalName: mandate.scanName ?? 'mandat',
      mimeType: mandate.scanMime,
      size: mandate.scanSize,
    })
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

/** The resident named at the counter by their e-mail address or account number, for a scope on offer; else the field's error. */
async function mandatingResident({ i18n }: HttpContext, typed: string, scope: string[]) {
  const value = typed.trim()
  const user = /^\d{1,9}$/.test(value)
    ? await User.find(Number(value))
    : await User.findBy('email', value.toLowerCase())
  if (!user) throw fieldError('resident', i18n.t('mediation.mandate.unknown_resident'))
  if (!knownScope(scope)) throw fieldError('scope', i18n.t('mediation.mandate.unknown_scope'))
  return user
}
