import type { HttpContext } from '@adonisjs/core/http'
import { profileValidator } from '#accounts/validators/resident'
import UpdateProfile from '#accounts/actions/update_profile'

/** /mon-espace/profil */
export default class ProfileController {
  async edit({ view, auth }: HttpContext) {
    return view.render('accounts::profile', { user: auth.use('web').getUserOrFail() })
  }

  async update({ request, response, auth, session }: HttpContext) {
    const input = await request.validateUsing(profileValidator)
    await new UpdateProfile().handle(auth.use('web').getUserOrFail(), input)
    session.flash('success', 'accounts.profile.saved')
    return response.redirect().status(303).toRoute('accounts.profile.edit')
  }
}
