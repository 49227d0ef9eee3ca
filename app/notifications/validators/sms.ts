import vine from '@vinejs/vine'
import { formValidator } from '#core/services/validation'

/** A mobile number as residents type it; whether it is a mobile is the action's question. */
export const mobileValidator = formValidator(
  'notifications.sms_mobile',
  vine.compile(vine.object({ mobileNumber: vine.string().trim().maxLength(25) }))
)

export const mobileCodeValidator = formValidator(
  'notifications.sms_code',
  vine.compile(vine.object({ smsCode: vine.string().trim().maxLength(6) }))
)

export const smsOptInValidator = formValidator(
  'notifications.sms_opt_in',
  vine.compile(vine.object({ notifyBySms: vine.boolean().optional() }))
)
