import type { HttpContext } from '@adonisjs/core/http'
import { profileValidator } from '#accounts/validators/resident'
import UpdateProfile from '#accounts/actions/update_profile'
import { refuseCertifiedIdentityChange } from '#accounts/services/certified_identity'

/** /mon-espace/profil */
export default class ProfileController {
  async edit({ view, auth }: HttpContext) {
    return view.render('accounts::profile', { user: auth.use('web').getUserOrFail() })
  }

  async update({ request, response, auth, session, i18n }: HttpContext) {
    const input = await request.validateUsing(profileValidator)
    const user = auth.use('web').getUserOrFail()
    refuseCertifiedIdentityChange(user, input, i18n)
    await new UpdateProfile().handle(user, input)
    session.flash('success', 'accounts.profile.saved')
    return response.redirect().status(303).toRoute('accounts.profile.edit')
  }
}
