import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import { secondFactorEnrolmentValidator } from '#back_office/validators/second_factor'
import ConfirmSecondFactor from '#back_office/actions/confirm_second_factor'
import { secondFactorStatus } from '#back_office/queries/second_factors'
import {
  completeAgentLogin,
  LOGIN_ENROLMENT_PAGE,
  pendingAgent,
  secondFactorRequiredFor,
} from '#back_office/services/second_factor_login'
import {
  ENROLMENT_PAGE,
  enrolmentPage,
  RECOVERY_CODES_PAGE,
  recoveryCodesPage,
} from '#back_office/services/second_factor_pages'

/**
 * Confirms the enrolment with the first code from the application. False
 * when it is not the right one: the response is then the page again (422).
 */
async function confirmed(
  ctx: HttpContext,
  agent: Agent,
  options: { action: string; atLogin: boolean }
) {
  const { secondFactorCode } = await ctx.request.validateUsing(secondFactorEnrolmentValidator)
  const outcome = await new ConfirmSecondFactor().handle(agent, secondFactorCode)
  if (outcome.status === 'confirmed') {
    // Shown once, by the next page; only their hashes are kept.
    ctx.session.flash('recovery_codes', outcome.recoveryCodes)
    return true
  }
  await enrolmentPage(ctx, agent, { ...options, wrongCode: outcome.status === 'invalid' })
  return false
}

/**
 * Enrolment of an agent's second factor: by a logged-in agent from
 * /agents/double-authentification, or right after the password when the
 * city requires a factor the agent does not have yet (/agents/connexion/activation,
 * the login completing once the first code is right).
 */
export default class SecondFactorEnrolmentController {
  async show(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const status = await secondFactorStatus(agent.id)
    const required = await secondFactorRequiredFor(agent)
    return ctx.view.render('back_office::second_factor/status', { ...status, required })
  }

  async create(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    return enrolmentPage(ctx, agent, { action: ENROLMENT_PAGE, atLogin: false })
  }

  async store(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    if (!(await confirmed(ctx, agent, { action: ENROLMENT_PAGE, atLogin: false }))) return
    return ctx.response.redirect().status(303).toPath(RECOVERY_CODES_PAGE)
  }

  async createAtLogin(ctx: HttpContext) {
    const agent = await pendingAgent(ctx)
    if (!agent) return ctx.response.redirect().toPath('/agents/connexion')
    return enrolmentPage(ctx, agent, { action: LOGIN_ENROLMENT_PAGE, atLogin: true })
  }

  async storeAtLogin(ctx: HttpContext) {
    const agent = await pendingAgent(ctx)
    if (!agent) return ctx.response.redirect().status(303).toPath('/agents/connexion')
    if (!(await confirmed(ctx, agent, { action: LOGIN_ENROLMENT_PAGE, atLogin: true }))) return
    return completeAgentLogin(ctx, agent, RECOVERY_CODES_PAGE)
  }

  async recoveryCodes(ctx: HttpContext) {
    return recoveryCodesPage(ctx)
  }
}
