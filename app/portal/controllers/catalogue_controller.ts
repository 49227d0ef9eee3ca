import type { HttpContext } from '@adonisjs/core/http'
import modules from '#core/services/modules'
import { residentProcedures } from '#demands/services/filing_catalogue'

/** `/demarches`: every procedure a resident can start: the core's and the enabled bricks'. */
export default class CatalogueController {
  async index({ view }: HttpContext) {
    const procedures = residentProcedures().map((procedure) => ({
      title: procedure.title,
      summary: procedure.summary,
      href: `/demarches/${procedure.key}`,
      external: false,
    }))
    return view.render('portal::catalogue', { entries: [...procedures, ...modules.catalogue()] })
  }
}
