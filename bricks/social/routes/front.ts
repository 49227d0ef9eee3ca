import type { Router } from '@adonisjs/core/http'
import registerFrontRoutes from './front_register.js'
import seniorsFront from './front_seniors.js'
import frontHousingRoutes from './front_housing.js'
import frontAidRoutes from './front_aid.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Residents' pages, mounted under /solidarites. */
export default function (router: Router) {
  router.get('/', [HomeController, 'index']).as('index')
  registerFrontRoutes(router)
  seniorsFront(router)
  frontAidRoutes(router)
  frontHousingRoutes(router)
}
