import type { HttpContext } from '@adonisjs/core/http'
import { apiRoutes } from '#api/services/api_routes'
import { openApiDocument } from '#api/services/openapi'
import { API_BASE } from '#api/services/serve'

/** The OpenAPI document of /api/v1 and its reference page, both from the routes' declarations. */
export default class ApiDocsController {
  async document({ response }: HttpContext) {
    const routes = (await apiRoutes()).map(({ route }) => route)
    response.header('Content-Type', 'application/json; charset=utf-8')
    return response.send(JSON.stringify(openApiDocument(routes), null, 2))
  }

  async show({ view }: HttpContext) {
    const routes = (await apiRoutes()).map(({ route }) => route)
    return view.render('api::docs/reference', { routes, base: API_BASE })
  }
}
