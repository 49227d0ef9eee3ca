import { timingSafeEqual } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import { lockForUpdate } from '#core/database/dialect'
import SmsMobile from '#notifications/models/sms_mobile'
import { CODE_MAX_ATTEMPTS, codeHash } from '#notifications/actions/request_mobile_code'

export type CodeCheckResult = 'verified' | 'wrong' | 'expired' | 'no_code'

/**
 * The resident types the code they received: right and in time, the number
 * becomes their verified mobile. Each wrong try counts; at the fifth the code
 * is spent and a new one must be asked for.
 */
export async function verifyMobileCode(user: User, typed: string): Promise<CodeCheckResult> {
  const now = clock.now()
  return db.transaction(async (trx): Promise<CodeCheckResult> => {
    const mobile = await lockForUpdate(
      SmsMobile.query({ client: trx }).where('userId', user.id),
      trx
    ).first()
    if (!mobile?.pendingNumber || !mobile.codeHash || !mobile.codeExpiresAt) return 'no_code'
    mobile.useTransaction(trx)
    if (mobile.codeExpiresAt <= now || mobile.codeAttempts >= CODE_MAX_ATTEMPTS) {
      mobile.merge({ codeHash: null, codeExpiresAt: null })
      await mobile.save()
      return 'expired'
    }
    const expected = Buffer.from(mobile.codeHash, 'hex')
    const given = Buffer.from(codeHash(user.id, mobile.pendingNumber, typed.trim()), 'hex')
    if (!timingSafeEqual(expected, given)) {
      mobile.codeAttempts += 1
      if (mobile.codeAttempts >= CODE_MAX_ATTEMPTS)
        mobile.merge({ codeHash: null, codeExpiresAt: null })
      await mobile.save()
      return mobile.codeHash ? 'wrong' : 'expired'
    }
    mobile.merge({
      number: mobile.pendingNumber,
      verifiedAt: now,
      pendingNumber: null,
      codeHash: null,
      codeExpiresAt: null,
      codeAttempts: 0,
    })
    await mobile.save()
    return 'verified'
  })
}
