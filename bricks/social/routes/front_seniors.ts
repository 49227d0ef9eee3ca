import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'

const SeniorsController = () => import('../controllers/seniors_controller.js')

/** The seniors' activities for residents, under /solidarites/seniors. */
export default function seniorsFront(router: Router) {
  const id = router.matchers.number()
  router
    .group(() => {
      router.get('/seniors', [SeniorsController, 'index']).as('seniors')
      router
        .post('/seniors/inscriptions', [SeniorsController, 'register'])
        .as('seniors.register')
        .use(submissionThrottle)
      router
        .get('/seniors/inscriptions/:id/annuler', [SeniorsController, 'confirmCancel'])
        .as('seniors.cancel.confirm')
        .where('id', id)
      router
        .post('/seniors/inscriptions/:id/annuler', [SeniorsController, 'cancel'])
        .as('seniors.cancel')
        .where('id', id)
    })
    .use(middleware.resident())
}
