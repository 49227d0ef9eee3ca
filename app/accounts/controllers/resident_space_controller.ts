import type { HttpContext } from '@adonisjs/core/http'

/** /mon-espace: the resident's dashboard. */
export default class ResidentSpaceController {
  async show({ view, auth }: HttpContext) {
    const user = auth.use('web').getUserOrFail()
    await user.load('householdMembers')
    return view.render('pages/accounts/dashboard', { user })
  }
}
