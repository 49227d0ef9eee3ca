import type { Router } from '@adonisjs/core/http'

const AgendaController = () => import('../controllers/agenda_controller.js')

export default function (router: Router) {
  router.get('/', [AgendaController, 'day']).as('agenda.day')
  router.get('/semaine', [AgendaController, 'week']).as('agenda.week')
  router.get('/imprimer', [AgendaController, 'print']).as('agenda.print')
  router.get('/reserver', [AgendaController, 'newBooking']).as('agenda.new_booking')
  router.post('/reserver', [AgendaController, 'book']).as('agenda.book')
  router
    .post('/rendez-vous/:id/presence', [AgendaController, 'attendance'])
    .as('agenda.attendance')
    .where('id', router.matchers.number())
  router
    .get('/rendez-vous/:id/annuler', [AgendaController, 'confirmCancel'])
    .as('agenda.cancel.confirm')
    .where('id', router.matchers.number())
  router
    .post('/rendez-vous/:id/annuler', [AgendaController, 'cancel'])
    .as('agenda.cancel')
    .where('id', router.matchers.number())
  router.get('/reglages', [AgendaController, 'settings']).as('settings')
  router.post('/reglages', [AgendaController, 'saveSettings']).as('settings.save')
}
