import type { HttpContext } from '@adonisjs/core/http'
import type Agent from '#accounts/models/agent'
import parvisConfig from '#config/parvis'
import { safeReturnPath } from '#core/http/return_path'
import { otpauthUri, qrCodeSvg, TOTP_DIGITS, TOTP_PERIOD } from '#accounts/services/second_factor'
import StartSecondFactorEnrolment from '#back_office/actions/start_second_factor_enrolment'
import { CODE_PAGE, secondFactorRequiredFor } from '#back_office/services/second_factor_login'
import { secondFactorStatus } from '#back_office/queries/second_factors'
import type { CheckOutcome } from '#back_office/actions/check_second_factor'
import type { RenewOutcome } from '#back_office/actions/renew_recovery_codes'

export const STATUS_PAGE = '/agents/double-authentification'
export const ENROLMENT_PAGE = '/agents/double-authentification/activation'
export const RECOVERY_CODES_PAGE = '/agents/double-authentification/codes-de-secours'

const CODE_VIEW = 'back_office::second_factor/code'
const ENROLMENT_VIEW = 'back_office::second_factor/enrol'

/** The name authenticator applications list the account under. */
function issuer() {
  return `${parvisConfig.city.name} (Parvis)`
}

/** Pages showing a secret or codes are kept by no cache, the browser's included. */
function noStore(ctx: HttpContext) {
  ctx.response.header('Cache-Control', 'no-store')
}

/**
 * The enrolment page: the QR code of the agent's new secret, drawn here, the
 * secret in groups of four for typing it by hand, and the form for the first
 * code (posted to `action`). `atLogin`: the city requires a second factor and
 * the agent's login waits for it. An agent whose factor is already on is
 * sent on (to the code page at login, else to the status page).
 */
export async function enrolmentPage(
  ctx: HttpContext,
  agent: Agent,
  options: { action: string; atLogin: boolean; wrongCode?: boolean; wrongMailCode?: boolean }
) {
  const factor = await new StartSecondFactorEnrolment().handle(agent)
  if (!factor)
    return ctx.response
      .redirect()
      .status(303)
      .toPath(options.atLogin ? CODE_PAGE : STATUS_PAGE)
  const uri = otpauthUri(factor.secret, { issuer: issuer(), label: agent.email })
  const qrCode = await qrCodeSvg(uri, ctx.i18n.t('back_office.second_factor.enrol.qr_label'))
  noStore(ctx)
  const html = await ctx.view.render(ENROLMENT_VIEW, {
    ...options,
    qrCode,
    secretGroups: factor.secret.match(/.{1,4}/g) ?? [],
    account: agent.email,
    issuer: issuer(),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD,
  })
  return ctx.response.status(options.wrongCode || options.wrongMailCode ? 422 : 200).send(html)
}

/** The code page of the login, again with what was wrong: a wrong or used code (422), or too many (429, Retry-After). */
export async function codeRefused(
  ctx: HttpContext,
  outcome: Exclude<CheckOutcome, { status: 'ok' }>
) {
  if (outcome.status === 'throttled') {
    ctx.response.header('Retry-After', String(outcome.retryAfter))
    const html = await ctx.view.render(CODE_VIEW, {
      failure: 'throttled',
      retryMinutes: Math.max(1, Math.ceil(outcome.retryAfter / 60)),
    })
    return ctx.response.status(429).send(html)
  }
  return ctx.response.status(422).send(await ctx.view.render(CODE_VIEW, { failure: 'invalid' }))
}

export function codePage(ctx: HttpContext) {
  noStore(ctx)
  return ctx.view.render(CODE_VIEW, {})
}

/** The ten recovery codes, shown once: they were flashed by the confirmation (or the renewal) and are in no other place. */
export function recoveryCodesPage(ctx: HttpContext) {
  const codes = ctx.session.flashMessages.get('recovery_codes')
  if (!Array.isArray(codes)) return ctx.response.redirect().toPath(STATUS_PAGE)
  noStore(ctx)
  const intended = ctx.session.pull('agent_intended_url')
  return ctx.view.render('back_office::second_factor/recovery_codes', {
    codes,
    renewed: ctx.session.flashMessages.get('recovery_codes_renewed') === true,
    next: intended ? safeReturnPath(intended) : '/agents',
  })
}

/**
 * /agents/double-authentification: whether the agent's factor is on, the
 * recovery codes left and the form renewing them; again with what was wrong
 * when a renewal was refused (422, or 429 with Retry-After).
 */
export async function statusPage(
  ctx: HttpContext,
  agent: Agent,
  refused?: Exclude<RenewOutcome, { status: 'renewed' }>
) {
  const status = await secondFactorStatus(agent.id)
  const required = await secondFactorRequiredFor(agent)
  if (refused?.status === 'throttled')
    ctx.response.header('Retry-After', String(refused.retryAfter))
  const html = await ctx.view.render('back_office::second_factor/status', {
    ...status,
    required,
    failure: refused?.status,
    retryMinutes:
      refused?.status === 'throttled' ? Math.max(1, Math.ceil(refused.retryAfter / 60)) : null,
  })
  const code = !refused ? 200 : refused.status === 'throttled' ? 429 : 422
  return ctx.response.status(code).send(html)
}
