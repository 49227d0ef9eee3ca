import limiter from '@adonisjs/limiter/services/main'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { LOGIN_ATTEMPTS } from '#start/limiter'

export type LoginOutcome<T> =
  { status: 'ok'; account: T } | { status: 'invalid' } | { status: 'throttled'; retryAfter: number }

/**
 * Checks an e-mail and password, counting failures only: after 5 failures in
 * a minute for the same e-mail from the same address, every attempt (even
 * with the right password) is refused for a minute. Unknown e-mail and wrong
 * password give the same answer, in the same time (verifyCredentials hashes
 * a dummy password for unknown accounts).
 */
export default class AttemptLogin {
  async handle<T>(
    verify: (email: string, password: string) => Promise<T>,
    input: { scope: 'web' | 'agent'; email: string; password: string; ip: string }
  ): Promise<LoginOutcome<T>> {
    const key = `login_${input.scope}_${input.email.toLowerCase()}_${input.ip}`
    const throttle = limiter.use({ ...LOGIN_ATTEMPTS })
    try {
      const [error, account] = await throttle.penalize(key, () =>
        verify(input.email, input.password)
      )
      if (error) return { status: 'throttled', retryAfter: error.response.availableIn }
      return { status: 'ok', account }
    } catch (error) {
      if (error instanceof authErrors.E_INVALID_CREDENTIALS) return { status: 'invalid' }
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS)
        return { status: 'throttled', retryAfter: error.response.availableIn }
      throw error
    }
  }
}
