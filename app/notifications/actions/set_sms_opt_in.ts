import db from '@adonisjs/lucid/services/db'
import type User from '#accounts/models/user'
import { clock } from '#core/clock'
import { dbTimestamp } from '#core/database/dialect'
import SmsMobile from '#notifications/models/sms_mobile'

/**
 * The resident chooses to receive SMS or not. Opting in needs a verified
 * number; opting out also stops what is already waiting to leave.
 */
export async function setSmsOptIn(user: User, wanted: boolean): Promise<'saved' | 'unverified'> {
  return db.transaction(async (trx): Promise<'saved' | 'unverified'> => {
    const mobile = await SmsMobile.query({ client: trx }).where('userId', user.id).first()
    if (wanted && !mobile?.isVerified) return 'unverified'
    user.useTransaction(trx)
    user.notifyBySms = wanted
    await user.save()
    if (!wanted)
      await trx
        .from('sms_notices')
        .where('user_id', user.id)
        .where('status', 'pending')
        .update({ status: 'opted_out', updated_at: dbTimestamp(clock.now(), trx) })
    return 'saved'
  })
}
