import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import { apiRoutes } from '#api/services/api_routes'
import { API_BASE, serve } from '#api/services/serve'
import { problem, sendProblem } from '#api/services/problem'

const ApiClientsController = () => import('#api/controllers/api_clients_controller')
const ApiDocsController = () => import('#api/controllers/api_docs_controller')

router
  .group(() => {
    router.get('/', [ApiClientsController, 'index']).as('index')
    router.get('/nouveau', [ApiClientsController, 'create']).as('create')
    router.post('/', [ApiClientsController, 'store']).as('store')
    router
      .get('/:id', [ApiClientsController, 'show'])
      .as('show')
      .where('id', router.matchers.number())
    router
      .post('/:id/revocation', [ApiClientsController, 'revoke'])
      .as('revoke')
      .where('id', router.matchers.number())
    router
      .post('/:id/rotation', [ApiClientsController, 'rotate'])
      .as('rotate')
      .where('id', router.matchers.number())
  })
  .prefix('/agents/admin/api')
  .use(middleware.agent({ role: 'admin' }))
  .as('api.admin')

await import('#api/webhooks/routes')

router.get(`${API_BASE}/openapi.json`, [ApiDocsController, 'document']).as('api.openapi')
router.get(`${API_BASE}/docs`, [ApiDocsController, 'show']).as('api.docs')

for (const { route } of await apiRoutes()) {
  router
    .route(
      `${API_BASE}${route.path.replace(/\{(\w+)\}/g, ':$1')}`,
      [route.method.toUpperCase()],
      serve(route)
    )
    .as(`v1_${route.operationId}`)
}

/** Any other path under /api/v1 answers a problem, not the HTML 404 page. */
router
  .any(`${API_BASE}/*`, (ctx) => sendProblem(ctx, problem(404, 'No such route.')))
  .as('v1_not_found')
