import vine from '@vinejs/vine'
import { MAX_PASSWORD_LENGTH } from '#accounts/services/password_policy'
import { formValidator, multiLineText } from '#core/services/validation'

/** Deleting one's account: the password says it is really them. */
export const deleteAccountValidator = formValidator(
  'portal.delete_account',
  vine.compile(vine.object({ password: vine.string().maxLength(MAX_PASSWORD_LENGTH) }))
)

/** A request to correct one's data, sent to the front desk as a demand. */
export const rectificationValidator = formValidator(
  'portal.rectification',
  vine.compile(vine.object({ message: multiLineText(4000).minLength(1) }))
)
