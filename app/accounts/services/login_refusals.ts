import type { HttpContext } from '@adonisjs/core/http'

export type LoginRefusal =
  { status: 'invalid' | 'unverified' } | { status: 'throttled'; retryAfter: number }

/** Each refusal has its own status: too many attempts, wrong credentials, an e-mail not yet verified. */
const REFUSAL_STATUS = { throttled: 429, invalid: 422, unverified: 403 } as const

/**
 * The login page again, saying why the login was refused (the e-mail kept in
 * the form); a throttled login also says when to try again (Retry-After).
 */
export async function loginRefused(
  ctx: HttpContext,
  page: string,
  email: string,
  refusal: LoginRefusal
) {
  if (refusal.status === 'throttled') {
    ctx.response.header('Retry-After', String(refusal.retryAfter))
    const html = await ctx.view.render(page, {
      email,
      failure: 'throttled',
      retryAfter: refusal.retryAfter,
    })
    return ctx.response.status(REFUSAL_STATUS.throttled).send(html)
  }
  const html = await ctx.view.render(page, { email, failure: refusal.status })
  return ctx.response.status(REFUSAL_STATUS[refusal.status]).send(html)
}
