import type { HttpContext } from '@adonisjs/core/http'
import bricks from '#core/services/bricks'

/** `/demarches`: every procedure a resident can start, from the enabled bricks. */
export default class CatalogueController {
  async index({ view }: HttpContext) {
    return view.render('pages/portal/catalogue', { entries: bricks.catalogue() })
  }
}
