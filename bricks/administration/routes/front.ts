import type { Router } from '@adonisjs/core/http'
import { submissionThrottle } from '#start/limiter'

const PagesController = () => import('../controllers/pages_controller.js')
const BookingController = () => import('../controllers/booking_controller.js')

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
    router.post(`${path}/coordonnees`, [BookingController, 'book']).as(`${name}.book`).use(submissionThrottle)
    router.post(`${path}/liste-attente`, [BookingController, 'joinWaitingList']).as(`${name}.waiting_list`).use(submissionThrottle)
  }
  router.get('/rendez-vous-titre/numeros', [BookingController, 'numbers']).as('titre.numbers')
  router.post('/rendez-vous-titre/numeros', [BookingController, 'checkNumbers']).as('titre.check_numbers').use(submissionThrottle)
}
