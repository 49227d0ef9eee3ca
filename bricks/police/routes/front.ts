import type { Router } from '@adonisjs/core/http'
import otvFrontRoutes from './front_otv.js'
import { decreesFrontRoutes } from './front_decrees.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Residents' pages, mounted under /police-municipale. */
export default function (router: Router) {
  router.get('/', [HomeController, 'index']).as('index')
  otvFrontRoutes(router)
  decreesFrontRoutes(router)
}
