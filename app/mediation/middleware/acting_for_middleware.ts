import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { notFoundPage } from '#core/services/not_found'
import Mandate from '#mediation/models/mandate'
import {
  ACTING_KEY,
  auditMediation,
  stopActing,
  verdictFor,
  type ActingState,
} from '#mediation/services/acting'
import RecordMediatedAction from '#mediation/actions/record_mediated_action'
import { isMediator } from '#mediation/services/mediators'

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * A mediator acting for a resident. On every request of a session in that
 * mode: the mandate must still hold (not revoked, not expired by the
 * clock) and belong to the agent still logged in, or the mode ends; a
 * resident's page outside the mandate's scope answers 404 (and is written
 * to the audit); a write that went through is recorded "by X for Y" on the
 * resident's timeline and in the audit. Every page shows the banner.
 */
export default class ActingForMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.session || !ctx.session.has(ACTING_KEY)) return next()
    const state = ctx.session.get(ACTING_KEY) as ActingState
    const path = ctx.request.url()
    const agents = ctx.auth.use('agent')
    const agent = (await agents.check()) ? agents.user! : null
    const mandate = await Mandate.find(state.mandateId)
    const residents = ctx.auth.use('web')
    const user = (await residents.check()) ? residents.user! : null
    if (
      !agent ||
      !(await isMediator(agent)) ||
      !mandate ||
      agent.id !== state.agentId ||
      mandate.agentId !== agent.id ||
      !mandate.isActive ||
      user?.id !== mandate.userId
    ) {
      await stopActing(ctx, state, mandate, 'mandate no longer holds')
      if (agent?.active) {
        ctx.session.flash('error', 'mediation.session.ended_mandate')
        if (path.startsWith('/agents')) return next()
        return ctx.response.redirect().status(303).toPath('/agents/mediation')
      }
      return next()
    }
    // Logging out of the resident's side ends the session for them, not the agent's.
    if (path === '/deconnexion' && ctx.request.method() === 'POST') {
      await stopActing(ctx, state, mandate, 'logout')
      ctx.session.flash('success', 'mediation.session.ended')
      return ctx.response.redirect().status(303).toPath('/agents/mediation')
    }
    ctx.actingFor = {
      mandateId: mandate.id,
      agentId: agent.id,
      agentName: agent.fullName,
      userId: user.id,
      modules: mandate.scope,
    }
    const verdict = await verdictFor(path, user.id)
    if (
      verdict.kind === 'closed' ||
      (verdict.kind === 'module' && !mandate.scope.includes(verdict.module))
    ) {
      await auditMediation(agent, 'mediation.refused', mandate, `${ctx.request.method()} ${path}`)
      return notFoundPage(ctx)
    }
    ctx.view.share({ mediationBanner: { residentName: user.fullName } })
    await next()
    if (verdict.kind === 'module' && WRITES.has(ctx.request.method()) && wentThrough(ctx)) {
      await new RecordMediatedAction().handle({
        mandate,
        agent,
        module: verdict.module,
        route: ctx.route?.name ?? null,
        method: ctx.request.method(),
        path,
      })
    }
  }
}

/** The write was accepted: no error status, no error flashed for the next page (a refused form comes back with its errors). */
function wentThrough(ctx: HttpContext) {
  if (ctx.response.getStatus() >= 400) return false
  const flashed = ctx.session.responseFlashMessages
  return !['errorsBag', 'inputErrorsBag', 'error', 'error_text'].some((key) => flashed.has(key))
}
