import type { Router } from '@adonisjs/core/http'

const AgentsAidController = () => import('../controllers/agents_aid_controller.js')

/** Aid requests for the social service's agents, under /agents/solidarites/aides. */
export default function (router: Router) {
  router
    .group(() => {
      router.get('/aides', [AgentsAidController, 'index']).as('aid.index')
      router.get('/aides/:id', [AgentsAidController, 'show']).as('aid.show')
      router.post('/aides/:id/commission', [AgentsAidController, 'schedule']).as('aid.schedule')
      router.post('/aides/:id/decision', [AgentsAidController, 'decide']).as('aid.decide')
    })
    .where('id', router.matchers.number())
}
