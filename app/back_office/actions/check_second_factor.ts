import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type Agent from '#accounts/models/agent'
import type AgentSecondFactor from '#accounts/models/agent_second_factor'
import { looksLikeTotpCode, recoveryCodeHash, totpCodeStep } from '#accounts/services/second_factor'
import { dbTimestamp } from '#core/database/dialect'
import { clock } from '#core/clock'
import { confirmedFactorOf } from '#back_office/services/second_factor_login'

/**
 * Wrong codes allowed per agent before a block: counted per agent, not per
 * address, since whoever types them already has the password and may
 * change address. Five in a quarter of an hour leave an attacker about one
 * chance in 2,000 a day of hitting a code (three periods accepted each time).
 */
export const SECOND_FACTOR_ATTEMPTS = {
  requests: 5,
  duration: '15 minutes',
  blockDuration: '15 minutes',
} as const

export type CheckOutcome =
  | { status: 'ok'; factor: AgentSecondFactor; recoveryCodesLeft: number | null }
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfter: number }

class WrongCode extends Error {}

/** How many rows an update or delete touched, as both engines' drivers say it. */
function affected(result: unknown) {
  return Number(Array.isArray(result) ? result[0] : result) || 0
}

/**
 * The second step of an agent's login: a code of their application (each
 * accepted once: a code seen over a shoulder or replayed within its 30
 * seconds opens nothing) or one of their recovery codes (used up). Failures
 * are counted like passwords' (limiter.penalize): after five, every code,
 * even a right one, is refused until the block ends.
 */
export default class CheckSecondFactor {
  async handle(agent: Agent, code: string): Promise<CheckOutcome> {
    const throttle = limiter.use({ ...SECOND_FACTOR_ATTEMPTS })
    try {
      const [error, result] = await throttle.penalize(`second_factor_agent_${agent.id}`, () =>
        this.#verify(agent, code)
      )
      if (error) return { status: 'throttled', retryAfter: error.response.availableIn }
      return { status: 'ok', ...result }
    } catch (error) {
      if (error instanceof WrongCode) return { status: 'invalid' }
      if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS)
        return { status: 'throttled', retryAfter: error.response.availableIn }
      throw error
    }
  }

  async #verify(agent: Agent, code: string) {
    const factor = await confirmedFactorOf(agent.id)
    if (!factor) throw new WrongCode()
    if (looksLikeTotpCode(code)) {
      const step = totpCodeStep(factor.secret, code)
      if (step === null || !(await this.#claimStep(factor, step))) throw new WrongCode()
      return { factor, recoveryCodesLeft: null }
    }
    const used = await db
      .from('agent_recovery_codes')
      .where('agent_id', agent.id)
      .where('code_hash', recoveryCodeHash(code))
      .whereNull('used_at')
      .update({ used_at: dbTimestamp(clock.now()) })
    if (affected(used) !== 1) throw new WrongCode()
    return { factor, recoveryCodesLeft: await this.#recoveryCodesLeft(agent) }
  }

  /** Records that this period's code was used, unless it (or a later one) already was: one winner, even for two requests at once. */
  async #claimStep(factor: AgentSecondFactor, step: number) {
    const claimed = await db
      .from('agent_second_factors')
      .where('id', factor.id)
      .where((query) => query.whereNull('last_used_step').orWhere('last_used_step', '<', step))
      .update({ last_used_step: step, updated_at: dbTimestamp(clock.now()) })
    return affected(claimed) === 1
  }

  async #recoveryCodesLeft(agent: Agent) {
    const [{ total }] = await db
      .from('agent_recovery_codes')
      .where('agent_id', agent.id)
      .whereNull('used_at')
      .count('* as total')
    return Number(total)
  }
}
