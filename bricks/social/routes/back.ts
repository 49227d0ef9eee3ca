import type { Router } from '@adonisjs/core/http'
import registerBackRoutes from './back_register.js'
import seniorsBack from './back_seniors.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Agents' pages, mounted under /agents/solidarites: agents of the brick's service only. */
export default function (router: Router) {
  router.get('/', [HomeController, 'agents']).as('index')
  registerBackRoutes(router)
  seniorsBack(router)
}
