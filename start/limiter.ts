/*
 * Rate limits on the forms an attacker would hammer. Counters live in memory
 * on the embedded install and in PostgreSQL when several processes share the
 * load (config/limiter.ts). Login attempts are limited in the login actions
 * themselves, counting failures only (limiter.penalize), per e-mail and IP.
 */
import limiter from '@adonisjs/limiter/services/main'
import type { HttpLimiter } from '@adonisjs/limiter'

/**
 * Says on the 429 page what a limit protects (a lang key taking {seconds}):
 * accounts, the outbox… Without it the page only says to wait.
 */
export function protecting<T extends HttpLimiter<any>>(limit: T, reason: string): T {
  return limit.limitExceeded((error) => error.t(reason))
}

/** Account creation: 5 per IP per 10 minutes. */
export const registrationThrottle = limiter.define('registration', (ctx) =>
  protecting(
    limiter.allowRequests(5).every('10 minutes').usingKey(`registration_${ctx.request.ip()}`),
    'common.errors.too_many_accounts'
  )
)

/** Password-reset requests: 5 per IP per 10 minutes (each sends a mail). */
export const passwordResetThrottle = limiter.define('password_reset', (ctx) =>
  protecting(
    limiter.allowRequests(5).every('10 minutes').usingKey(`password_reset_${ctx.request.ip()}`),
    'common.errors.too_many_accounts'
  )
)

/** Verification mail re-sends: 3 per IP per 10 minutes. */
export const verificationThrottle = limiter.define('verification', (ctx) =>
  protecting(
    limiter.allowRequests(3).every('10 minutes').usingKey(`verification_${ctx.request.ip()}`),
    'common.errors.too_many_accounts'
  )
)

/** Failed logins allowed per e-mail and IP before a one-minute block. */
export const LOGIN_ATTEMPTS = {
  requests: 5,
  duration: '1 minute',
  blockDuration: '1 minute',
} as const

/** Submissions and messages: 20 per IP per 10 minutes (a counter shared by a family or a public terminal stays well under). */
export const submissionThrottle = limiter.define('submission', (ctx) =>
  protecting(
    limiter.allowRequests(20).every('10 minutes').usingKey(`submission_${ctx.request.ip()}`),
    'common.errors.too_many_submissions'
  )
)

/** New drafts: 30 per IP per 10 minutes, so nobody fills the table with empty drafts. */
export const draftThrottle = limiter.define('draft', (ctx) =>
  protecting(
    limiter.allowRequests(30).every('10 minutes').usingKey(`draft_${ctx.request.ip()}`),
    'common.errors.too_many_submissions'
  )
)

/**
 * Steps of a procedure saved: 60 per IP per 10 minutes, three times what
 * submissions allow (a procedure has several steps, and a step may come back
 * with an error), so nobody sends upload after upload.
 */
export const stepThrottle = limiter.define('step', (ctx) =>
  limiter.allowRequests(60).every('10 minutes').usingKey(`step_${ctx.request.ip()}`)
)

/**
 * E-mail address changes: 5 per resident (or IP) per 10 minutes. Each asks
 * for the current password and sends a mail, so neither is hammered.
 */
export const emailChangeThrottle = limiter.define('email_change', (ctx) =>
  protecting(
    limiter
      .allowRequests(5)
      .every('10 minutes')
      .usingKey(`email_change_${ctx.auth.use('web').user?.id ?? ctx.request.ip()}`),
    'common.errors.too_many_accounts'
  )
)
