import type { HttpContext } from '@adonisjs/core/http'
import { administer } from '#accounts/abilities'

/** /agents/admin: the admins' menu. */
export default class AdminController {
  async show({ view, bouncer }: HttpContext) {
    await bouncer.authorize(administer)
    return view.render('pages/back_office/admin/menu')
  }
}
