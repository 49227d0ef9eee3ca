import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'

const AidController = () => import('../controllers/aid_controller.js')

/** The resident's aid requests, under /solidarites/aides (signed-in residents). */
export default function (router: Router) {
  router
    .group(() => {
      router.get('/aides', [AidController, 'index']).as('aid.index')
      router
        .get('/aides/:id/decision.pdf', [AidController, 'letter'])
        .as('aid.letter')
        .where('id', router.matchers.number())
    })
    .use(middleware.resident())
}
