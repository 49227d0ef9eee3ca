import type { Router } from '@adonisjs/core/http'

const AgentsController = () => import('../controllers/agents_controller.js')
const StatisticsController = () => import('../controllers/statistics_controller.js')
const CategoriesController = () => import('../controllers/categories_controller.js')

/** Agents' pages, mounted under /agents/signalements: agents of the brick's services only. */
export default function (router: Router) {
  const id = router.matchers.number()
  router.get('/', [AgentsController, 'queue']).as('queue')
  router.get('/export.csv', [AgentsController, 'export']).as('export')
  router.get('/statistiques', [StatisticsController, 'index']).as('statistics')
  router.get('/statistiques.csv', [StatisticsController, 'export']).as('statistics.export')
  router.get('/carte.json', [AgentsController, 'markers']).as('markers')
  router.get('/categories', [CategoriesController, 'index']).as('categories')
  router.post('/categories', [CategoriesController, 'save']).as('categories.store')
  router
    .get('/categories/:id', [CategoriesController, 'index'])
    .as('categories.edit')
    .where('id', id)
  router
    .post('/categories/:id', [CategoriesController, 'save'])
    .as('categories.update')
    .where('id', id)
  router.get('/:id', [AgentsController, 'show']).as('show').where('id', id)
  router.post('/:id', [AgentsController, 'update']).as('update').where('id', id)
  router.get('/:id/fiche', [AgentsController, 'sheet']).as('sheet').where('id', id)
  router.post('/:id/fusion', [AgentsController, 'merge']).as('merge').where('id', id)
  router.get('/photos/:id', [AgentsController, 'photo']).as('photo').where('id', id)
}
