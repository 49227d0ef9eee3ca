import type { Router } from '@adonisjs/core/http'
import otvBackRoutes from './back_otv.js'
import { decreesBackRoutes } from './back_decrees.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Agents' pages, mounted under /agents/police-municipale: agents of the brick's service only. */
export default function (router: Router) {
  router.get('/', [HomeController, 'agents']).as('index')
  otvBackRoutes(router)
  decreesBackRoutes(router)
}
