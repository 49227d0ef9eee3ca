import type { HttpContext } from '@adonisjs/core/http'
import { browseCatalogue, catalogueQuery } from '#portal/queries/catalogue'

/**
 * `/demarches`: every procedure a resident can start, the core's and the
 * enabled bricks', by category, with a search (`?q=`) that needs no script.
 */
export default class CatalogueController {
  async index({ view, request, i18n }: HttpContext) {
    const catalogue = browseCatalogue(i18n, catalogueQuery(request.qs().q))
    return view.render('portal::catalogue', catalogue)
  }
}
