import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { DECREE_NUMBER } from '../services/decree_number.js'

const DecreeRequestsController = () => import('../controllers/decree_requests_controller.js')

/** A resident's individual decrees (the public register is at /arretes, routes/public.ts). */
export function decreesFrontRoutes(router: Router) {
  router
    .get('/mes-arretes/:number', [DecreeRequestsController, 'mine'])
    .as('decrees.mine')
    .where('number', DECREE_NUMBER)
    .use(middleware.resident())
}
