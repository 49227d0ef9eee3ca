import type { HttpContext } from '@adonisjs/core/http'
import modules from '#core/services/modules'
import { retentionRows } from '#portal/queries/personal_data'

/** Content pages an anonymous visitor reads. */
export default class PagesController {
  async home({ view }: HttpContext) {
    return view.render('portal::home', { catalogue: modules.catalogue().slice(0, 6) })
  }

  async accessibility({ view }: HttpContext) {
    return view.render('portal::accessibility')
  }

  async personalData({ view }: HttpContext) {
    return view.render('portal::personal_data', { retention: await retentionRows() })
  }

  async legal({ view }: HttpContext) {
    return view.render('portal::legal')
  }
}
