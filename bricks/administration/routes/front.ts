import type { Router } from '@adonisjs/core/http'
import limiter from '@adonisjs/limiter/services/main'
import { protecting, submissionThrottle } from '#start/limiter'

const PagesController = () => import('../controllers/pages_controller.js')
const BookingController = () => import('../controllers/booking_controller.js')

/**
 * ANTS number checks: 20 per IP per 10 minutes, so that nobody tries
 * pre-demand numbers in series through the portal (each check is a call to
 * the ANTS and tells whether a number exists). Counted apart from submissions.
 */
const antsCheckThrottle = limiter.define('ants_check', (ctx) =>
  protecting(
    limiter.allowRequests(20).every('10 minutes').usingKey(`ants_check_${ctx.request.ip()}`),
    'administration.numbers.too_many'
  )
)

export default function (router: Router) {
  router.get('/', [PagesController, 'index']).as('index')
  router.get('/demarches-nationales', [PagesController, 'national']).as('national')
  for (const [path, name] of [
    ['/rendez-vous-titre', 'titre'],
    ['/retrait-titre', 'retrait'],
  ] as const) {
    router.get(path, [BookingController, 'start']).as(`${name}.start`)
    router.post(path, [BookingController, 'saveStart']).as(`${name}.save_start`)
    router.get(`${path}/creneau`, [BookingController, 'slot']).as(`${name}.slot`)
    router.post(`${path}/creneau`, [BookingController, 'chooseSlot']).as(`${name}.choose_slot`)
    router.get(`${path}/coordonnees`, [BookingController, 'contact']).as(`${name}.contact`)
    router
      .post(`${path}/coordonnees`, [BookingController, 'book'])
      .as(`${name}.book`)
      .use(submissionThrottle)
    router
      .post(`${path}/liste-attente`, [BookingController, 'joinWaitingList'])
      .as(`${name}.waiting_list`)
      .use(submissionThrottle)
  }
  router.get('/rendez-vous-titre/numeros', [BookingController, 'numbers']).as('titre.numbers')
  router
    .post('/rendez-vous-titre/numeros', [BookingController, 'checkNumbers'])
    .as('titre.check_numbers')
    .use(antsCheckThrottle)
}
