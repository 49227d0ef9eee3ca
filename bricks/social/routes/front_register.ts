import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'

const RegisterController = () => import('../controllers/register_controller.js')

/** The register of vulnerable people, for residents: /solidarites/registre-vulnerables. */
export default function registerFrontRoutes(router: Router) {
  router
    .group(() => {
      router.get('/registre-vulnerables', [RegisterController, 'index']).as('register')
      router
        .get('/registre-vulnerables/inscription', [RegisterController, 'create'])
        .as('register.create')
      router
        .post('/registre-vulnerables', [RegisterController, 'store'])
        .as('register.store')
        .use(submissionThrottle)
      router
        .post('/registre-vulnerables/:id/retrait', [RegisterController, 'withdraw'])
        .as('register.withdraw')
        .where('id', router.matchers.number())
    })
    .use(middleware.resident())
}
