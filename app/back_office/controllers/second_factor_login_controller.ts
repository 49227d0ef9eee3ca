import type { HttpContext } from '@adonisjs/core/http'
import { secondFactorCodeValidator } from '#back_office/validators/second_factor'
import CheckSecondFactor from '#back_office/actions/check_second_factor'
import {
  completeAgentLogin,
  confirmedFactorOf,
  forgetPendingLogin,
  LOGIN_ENROLMENT_PAGE,
  pendingAgent,
  rememberBrowser,
} from '#back_office/services/second_factor_login'
import { codePage, codeRefused } from '#back_office/services/second_factor_pages'

const LOGIN_PAGE = '/agents/connexion'

/** /agents/connexion/code: the second step of an agent's login, after their password. */
export default class SecondFactorLoginController {
  async show(ctx: HttpContext) {
    const agent = await pendingAgent(ctx)
    if (!agent) return ctx.response.redirect().toPath(LOGIN_PAGE)
    if (!(await confirmedFactorOf(agent.id)))
      return ctx.response.redirect().toPath(LOGIN_ENROLMENT_PAGE)
    return codePage(ctx)
  }

  async store(ctx: HttpContext) {
    const agent = await pendingAgent(ctx)
    if (!agent) return ctx.response.redirect().status(303).toPath(LOGIN_PAGE)
    const input = await ctx.request.validateUsing(secondFactorCodeValidator)
    const outcome = await new CheckSecondFactor().handle(agent, input.secondFactorCode)
    if (outcome.status !== 'ok') return codeRefused(ctx, outcome)
    if (input.rememberBrowser) rememberBrowser(ctx, agent, outcome.factor)
    if (outcome.recoveryCodesLeft !== null) {
      const left = { count: outcome.recoveryCodesLeft }
      ctx.session.flash(
        'success_text',
        ctx.i18n.t('back_office.second_factor.code.recovery_used', left)
      )
    }
    return completeAgentLogin(ctx, agent)
  }

  /** "Annuler": the half-done login is forgotten. */
  async cancel(ctx: HttpContext) {
    forgetPendingLogin(ctx)
    return ctx.response.redirect().status(303).toPath(LOGIN_PAGE)
  }
}
