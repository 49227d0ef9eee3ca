import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import {
  secondFactorEnrolmentValidator,
  secondFactorLoginEnrolmentValidator,
} from '#back_office/validators/second_factor'
import ConfirmSecondFactor from '#back_office/actions/confirm_second_factor'
import RenewRecoveryCodes from '#back_office/actions/renew_recovery_codes'
import {
  checkEnrolmentMailCode,
  CODE_PAGE,
  completeAgentLogin,
  confirmedFactorOf,
  LOGIN_ENROLMENT_PAGE,
  pendingAgent,
} from '#back_office/services/second_factor_login'
import {
  ENROLMENT_PAGE,
  enrolmentPage,
  RECOVERY_CODES_PAGE,
  recoveryCodesPage,
  statusPage,
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
 * At login, the code of the enrolment mail comes first: null when it is
 * right, else the response (the page again, 422; or, after too many wrong
 * ones, the login page, which mails a new code).
 */
async function mailCodeRefused(ctx: HttpContext, agent: Agent) {
  const { mailCode } = await ctx.request.validateUsing(secondFactorLoginEnrolmentValidator)
  const mailed = checkEnrolmentMailCode(ctx, mailCode)
  if (mailed === 'ok') return null
  if (mailed === 'invalid')
    return enrolmentPage(ctx, agent, {
      action: LOGIN_ENROLMENT_PAGE,
      atLogin: true,
      wrongMailCode: true,
    })
  ctx.session.flash('error', 'back_office.second_factor.enrol.mail_code_exhausted')
  return ctx.response.redirect().status(303).toPath('/agents/connexion')
}

/**
 * Enrolment of an agent's second factor: by a logged-in agent from
 * /agents/double-authentification, or right after the password when the
 * city requires a factor the agent does not have yet (/agents/connexion/activation,
 * the login completing once the first code is right).
 */
export default class SecondFactorEnrolmentController {
  async show(ctx: HttpContext) {
    return statusPage(ctx, ctx.auth.use('agent').getUserOrFail())
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
    // Enrolled already: their application's code is the second step, not a new enrolment.
    if (await confirmedFactorOf(agent.id))
      return ctx.response.redirect().status(303).toPath(CODE_PAGE)
    const refused = await mailCodeRefused(ctx, agent)
    if (refused !== null) return refused
    if (!(await confirmed(ctx, agent, { action: LOGIN_ENROLMENT_PAGE, atLogin: true }))) return
    return completeAgentLogin(ctx, agent, RECOVERY_CODES_PAGE)
  }

  async recoveryCodes(ctx: HttpContext) {
    return recoveryCodesPage(ctx)
  }

  /** New recovery codes, against a code of the application; the old ones stop working. */
  async renewRecoveryCodes(ctx: HttpContext) {
    const agent = ctx.auth.use('agent').getUserOrFail()
    const { secondFactorCode } = await ctx.request.validateUsing(secondFactorEnrolmentValidator)
    const outcome = await new RenewRecoveryCodes().handle(agent, secondFactorCode)
    if (outcome.status !== 'renewed') return statusPage(ctx, agent, outcome)
    ctx.session.flash('recovery_codes', outcome.recoveryCodes)
    ctx.session.flash('recovery_codes_renewed', true)
    return ctx.response.redirect().status(303).toPath(RECOVERY_CODES_PAGE)
  }
}
