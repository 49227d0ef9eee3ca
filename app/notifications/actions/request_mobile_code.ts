import { createHmac, randomInt } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import type User from '#accounts/models/user'
import { appKey } from '#config/app'
import { clock } from '#core/clock'
import { enqueue } from '#jobs/enqueue'
import { lockForUpdate } from '#core/database/dialect'
import SmsMobile from '#notifications/models/sms_mobile'
import { normaliseMobile } from '#notifications/sms/phone'
import parvisConfig from '#config/parvis'

export const CODE_TTL_MINUTES = 10
export const CODE_MAX_ATTEMPTS = 5
export const CODES_PER_HOUR = 3

/** The code's fingerprint, bound to the resident and the number: never the code itself. */
export function codeHash(userId: number, number: string, code: string) {
  return createHmac('sha256', appKey.release())
    .update(`sms-code:${userId}:${number}:${code}`)
    .digest('hex')
}

export type CodeRequestResult = 'sent' | 'invalid_number' | 'too_many'

/**
 * A resident types a mobile number: a 6-digit code leaves by SMS at once
 * (job send_sms_code, written with the code's fingerprint), valid ten
 * minutes, five tries; at most three codes an hour, whatever the number.
 */
export async function requestMobileCode(user: User, typed: string): Promise<CodeRequestResult> {
  const number = normaliseMobile(typed)
  if (!number) return 'invalid_number'
  const now = clock.now()
  return db.transaction(async (trx): Promise<CodeRequestResult> => {
    const mobile =
      (await lockForUpdate(
        SmsMobile.query({ client: trx }).where('userId', user.id),
        trx
      ).first()) ?? new SmsMobile().fill({ userId: user.id, codeAttempts: 0, codesSent: 0 })
    mobile.useTransaction(trx)
    const windowOpen =
      mobile.codesWindowStartedAt && mobile.codesWindowStartedAt.plus({ hours: 1 }) > now
    if (windowOpen && mobile.codesSent >= CODES_PER_HOUR) return 'too_many'
    if (!windowOpen) mobile.merge({ codesWindowStartedAt: now, codesSent: 0 })
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
    mobile.merge({
      pendingNumber: number,
      codeHash: codeHash(user.id, number, code),
      codeExpiresAt: now.plus({ minutes: CODE_TTL_MINUTES }),
      codeAttempts: 0,
      codesSent: mobile.codesSent + 1,
    })
    await mobile.save()
    const text = i18nManager
      .locale(i18nManager.supportedLocales().includes(user.locale) ? user.locale : 'fr')
      .t('notifications.sms.code_text', {
        code,
        city: parvisConfig.city.name,
        minutes: CODE_TTL_MINUTES,
      })
    await enqueue('send_sms_code', { userId: user.id, to: number, text }, { client: trx })
    return 'sent'
  })
}
