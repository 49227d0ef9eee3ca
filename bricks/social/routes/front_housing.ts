import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'

const HousingController = () => import('../controllers/housing_controller.js')

/** Social-housing appointments, under /solidarites/logement (signed-in residents). */
export default function (router: Router) {
  router
    .group(() => {
      router.get('/logement', [HousingController, 'index']).as('housing.index')
      router
        .post('/logement', [HousingController, 'book'])
        .as('housing.book')
        .use(submissionThrottle)
      router
        .get('/logement/:id', [HousingController, 'show'])
        .as('housing.show')
        .where('id', router.matchers.number())
    })
    .use(middleware.resident())
}
