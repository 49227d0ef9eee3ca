import type { Router } from '@adonisjs/core/http'

const RegisterAgentsController = () => import('../controllers/register_agents_controller.js')
const AlertsController = () => import('../controllers/alerts_controller.js')

/**
 * The register of vulnerable people and its alerts, for agents of the
 * social service: /agents/solidarites/registre and /agents/solidarites/alertes.
 */
export default function registerBackRoutes(router: Router) {
  const id = router.matchers.number()
  router.get('/registre', [RegisterAgentsController, 'index']).as('register')
  router.get('/registre/nouveau', [RegisterAgentsController, 'create']).as('register.create')
  router.post('/registre', [RegisterAgentsController, 'store']).as('register.store')
  router.get('/registre/secteurs', [RegisterAgentsController, 'sectors']).as('register.sectors')
  router
    .post('/registre/secteurs', [RegisterAgentsController, 'addSector'])
    .as('register.sectors.store')
  router
    .get('/registre/:id', [RegisterAgentsController, 'show'])
    .as('register.show')
    .where('id', id)
  router
    .post('/registre/:id/verification', [RegisterAgentsController, 'check'])
    .as('register.check')
    .where('id', id)
  router
    .post('/registre/:id/suppression', [RegisterAgentsController, 'destroy'])
    .as('register.destroy')
    .where('id', id)
  router.get('/alertes', [AlertsController, 'index']).as('alerts')
  router.post('/alertes', [AlertsController, 'store']).as('alerts.store')
  router.get('/alertes/:id', [AlertsController, 'show']).as('alerts.show').where('id', id)
  router
    .get('/alertes/:id/secteurs/:sector', [AlertsController, 'sector'])
    .as('alerts.sector')
    .where('id', id)
    .where('sector', id)
  router.post('/alertes/:id/appels', [AlertsController, 'call']).as('alerts.call').where('id', id)
}
