import vine from '@vinejs/vine'
import { formValidator } from '#core/services/validation'

/** The code page of the login: a code of the application or a recovery code ("abcde-fghjk"), and "remember this browser". */
export const secondFactorCodeValidator = formValidator(
  'back_office.second_factor_code',
  vine.compile(
    vine.object({
      secondFactorCode: vine.string().trim().maxLength(20),
      rememberBrowser: vine.boolean().optional(),
    })
  )
)

/** The first code typed from the application, which confirms the enrolment. */
export const secondFactorEnrolmentValidator = formValidator(
  'back_office.second_factor_enrolment',
  vine.compile(vine.object({ secondFactorCode: vine.string().trim().maxLength(20) }))
)

/** Enrolment at login: the code mailed to the agent, then the first code of the application. */
export const secondFactorLoginEnrolmentValidator = formValidator(
  'back_office.second_factor_login_enrolment',
  vine.compile(
    vine.object({
      mailCode: vine.string().trim().maxLength(20),
      secondFactorCode: vine.string().trim().maxLength(20),
    })
  )
)
