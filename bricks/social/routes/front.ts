import type { Router } from '@adonisjs/core/http'
import registerFrontRoutes from './front_register.js'
import seniorsFront from './front_seniors.js'

const HomeController = () => import('../controllers/home_controller.js')

/** Residents' pages, mounted under /solidarites. */
export default function (router: Router) {
  router.get('/', [HomeController, 'index']).as('index')
  registerFrontRoutes(router)
  seniorsFront(router)
}
