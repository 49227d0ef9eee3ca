import type { Router } from '@adonisjs/core/http'

const SeniorsAgentsController = () => import('../controllers/seniors_agents_controller.js')

/** The seniors' activities for agents, under /agents/solidarites/seniors. */
export default function seniorsBack(router: Router) {
  const id = router.matchers.number()
  const C = SeniorsAgentsController
  router.get('/seniors', [C, 'programme']).as('seniors')
  router.get('/seniors/activites/nouvelle', [C, 'create']).as('seniors.activities.create')
  router.post('/seniors/activites', [C, 'store']).as('seniors.activities.store')
  router.get('/seniors/seances/:id', [C, 'session']).as('seniors.session').where('id', id)
  router.get('/seniors/seances/:id/imprimer', [C, 'session']).as('seniors.print').where('id', id)
  router
    .get('/seniors/seances/:id/participants.csv', [C, 'export'])
    .as('seniors.export')
    .where('id', id)
  router
    .post('/seniors/seances/:id/presences', [C, 'attendance'])
    .as('seniors.attendance')
    .where('id', id)
  router.post('/seniors/inscriptions', [C, 'counter']).as('seniors.counter')
  router
    .post('/seniors/inscriptions/:id/annuler', [C, 'cancel'])
    .as('seniors.registration.cancel')
    .where('id', id)
  router
    .post('/seniors/inscriptions/:id/ramassage', [C, 'pickupOrder'])
    .as('seniors.registration.pickup')
    .where('id', id)
}
