import type { Router } from '@adonisjs/core/http'

const AgentsHousingController = () => import('../controllers/agents_housing_controller.js')

/** The housing adviser's appointments, under /agents/solidarites/logement. */
export default function (router: Router) {
  router
    .group(() => {
      router.get('/logement', [AgentsHousingController, 'index']).as('housing.index')
      router.get('/logement/:id', [AgentsHousingController, 'show']).as('housing.show')
      router.post('/logement/:id/issue', [AgentsHousingController, 'outcome']).as('housing.outcome')
    })
    .where('id', router.matchers.number())
}
