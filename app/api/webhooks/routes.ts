import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'

const ConnectorsController = () => import('#api/webhooks/controllers/connectors_controller')

/** /agents/admin/connecteurs: connectors' state, webhook endpoints, replays (admins only). */
router
  .group(() => {
    router.get('/', [ConnectorsController, 'index']).as('index')
    router.get('/webhooks/nouveau', [ConnectorsController, 'create']).as('create')
    router.post('/webhooks', [ConnectorsController, 'store']).as('store')
    router
      .get('/webhooks/:id', [ConnectorsController, 'show'])
      .as('show')
      .where('id', router.matchers.number())
    router
      .post('/webhooks/:id/secret', [ConnectorsController, 'rotate'])
      .as('rotate')
      .where('id', router.matchers.number())
    router
      .post('/webhooks/:id/activation', [ConnectorsController, 'enable'])
      .as('enable')
      .where('id', router.matchers.number())
    router
      .post('/webhooks/:id/rejeu', [ConnectorsController, 'replaySince'])
      .as('replay_since')
      .where('id', router.matchers.number())
    router
      .post('/livraisons/:id/rejeu', [ConnectorsController, 'replay'])
      .as('replay')
      .where('id', router.matchers.number())
  })
  .prefix('/agents/admin/connecteurs')
  .use(middleware.agent({ role: 'admin' }))
  .as('connectors.admin')
