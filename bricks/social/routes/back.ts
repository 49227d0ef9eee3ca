import type { Router } from '@adonisjs/core/http'
import registerBackRoutes from './back_register.js'
import seniorsBack from './back_seniors.js'
import backHousingRoutes from './back_housing.js'
import backAidRoutes from './back_aid.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Agents' pages, mounted under /agents/solidarites: agents of the brick's service only. */
export default function (router: Router) {
  router.get('/', [HomeController, 'agents']).as('index')
  registerBackRoutes(router)
  seniorsBack(router)
  backAidRoutes(router)
  backHousingRoutes(router)
}
