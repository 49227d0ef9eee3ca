import type { Router } from '@adonisjs/core/http'
import frontHousingRoutes from './front_housing.js'
import frontAidRoutes from './front_aid.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Residents' pages, mounted under /solidarites. */
export default function (router: Router) {
  router.get('/', [HomeController, 'index']).as('index')
  frontAidRoutes(router)
  frontHousingRoutes(router)
}
