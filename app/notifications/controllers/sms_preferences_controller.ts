import type { HttpContext } from '@adonisjs/core/http'
import { routeUrl } from '#core/http/route_url'
import { fieldError } from '#core/services/form_errors'
import SmsMobile from '#notifications/models/sms_mobile'
import { requestMobileCode } from '#notifications/actions/request_mobile_code'
import { verifyMobileCode } from '#notifications/actions/verify_mobile_code'
import { setSmsOptIn } from '#notifications/actions/set_sms_opt_in'
import {
  mobileCodeValidator,
  mobileValidator,
  smsOptInValidator,
} from '#notifications/validators/sms'

const PAGE = 'resident.sms.show'

/** /mon-espace/notifications/sms: the resident's mobile number, its code, and whether they want SMS. */
export default class SmsPreferencesController {
  async show({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const mobile = await SmsMobile.findBy('userId', user.id)
    return view.render('notifications::sms/preferences', { user, mobile })
  }

  async requestCode({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const { mobileNumber } = await request.validateUsing(mobileValidator)
    const result = await requestMobileCode(user, mobileNumber)
    if (result !== 'sent')
      throw fieldError('mobileNumber', i18n.t(`notifications.sms.errors.${result}`))
    session.flash('success', 'notifications.sms.code_sent')
    return response
      .redirect()
      .status(303)
      .toPath(`${routeUrl(PAGE)}#code`)
  }

  async verifyCode({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const { smsCode } = await request.validateUsing(mobileCodeValidator)
    const result = await verifyMobileCode(user, smsCode)
    if (result !== 'verified')
      throw fieldError('smsCode', i18n.t(`notifications.sms.errors.${result}`))
    session.flash('success', 'notifications.sms.verified')
    return response.redirect().status(303).toPath(routeUrl(PAGE))
  }

  async updateOptIn({ auth, request, response, session, i18n }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    const input = await request.validateUsing(smsOptInValidator)
    const result = await setSmsOptIn(user, Boolean(input.notifyBySms))
    if (result !== 'saved')
      throw fieldError('notifyBySms', i18n.t('notifications.sms.errors.unverified'))
    session.flash(
      'success',
      input.notifyBySms ? 'notifications.sms.opted_in' : 'notifications.sms.opted_out'
    )
    return response.redirect().status(303).toPath(routeUrl(PAGE))
  }
}
