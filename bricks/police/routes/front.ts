import type { Router } from '@adonisjs/core/http'
import { decreesFrontRoutes } from './front_decrees.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Residents' pages, mounted under /police-municipale. */
export default function (router: Router) {
  router.get('/', [HomeController, 'index']).as('index')
  decreesFrontRoutes(router)
}
