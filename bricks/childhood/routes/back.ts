import type { Router } from '@adonisjs/core/http'
import { acceptsUploads } from '#core/services/body_limits'
import { CALENDAR_FILE_BYTES } from '../services/school_calendar.js'

const ServiceController = () => import('../controllers/service_controller.js')
const ActivitiesController = () => import('../controllers/activities_controller.js')
const SchoolsController = () => import('../controllers/schools_controller.js')
const HolidaysController = () => import('../controllers/holidays_controller.js')
const ChildrenController = () => import('../controllers/children_controller.js')
const AbsencesController = () => import('../controllers/absences_controller.js')
const RegistrationsController = () => import('../controllers/registrations_controller.js')
const CanteenController = () => import('../controllers/canteen_controller.js')

export default function (router: Router) {
  const id = router.matchers.number()
  router.get('/', [ServiceController, 'index']).as('index')
  router.get('/activites/nouvelle', [ActivitiesController, 'create']).as('activities.create')
  router.post('/activites', [ActivitiesController, 'store']).as('activities.store')
  router
    .get('/activites/:id/seances', [ActivitiesController, 'sessions'])
    .as('activities.sessions')
    .where('id', id)
  router
    .post('/activites/:id/seances', [ActivitiesController, 'addSession'])
    .as('activities.sessions.store')
    .where('id', id)
  router.get('/sessions/:id', [ServiceController, 'session']).as('session').where('id', id)
  router
    .get('/sessions/:id/imprimer', [ServiceController, 'session'])
    .as('session.print')
    .where('id', id)
  router
    .get('/sessions/:id/presences.csv', [ServiceController, 'exportSession'])
    .as('session.export')
    .where('id', id)
  router
    .post('/sessions/:id/presences', [ServiceController, 'attendance'])
    .as('session.attendance')
    .where('id', id)
  router
    .post('/inscriptions/:id/decision', [ServiceController, 'decide'])
    .as('registration.decide')
    .where('id', id)
  router.get('/enfants', [ChildrenController, 'index']).as('children')
  router.get('/enfants/export.csv', [ChildrenController, 'export']).as('children.export')
  router.get('/enfants/:id', [ChildrenController, 'show']).as('children.show').where('id', id)
  router
    .post('/enfants/:id/absences', [AbsencesController, 'store'])
    .as('children.absences')
    .where('id', id)
  router
    .post('/absences/:id/supprimer', [AbsencesController, 'destroy'])
    .as('absences.destroy')
    .where('id', id)
  router.get('/inscriptions', [RegistrationsController, 'index']).as('registrations')
  router
    .get('/inscriptions/export.csv', [RegistrationsController, 'export'])
    .as('registrations.export')
  router.post('/enfants/:id', [ServiceController, 'saveChild']).as('children.save').where('id', id)
  router.get('/quotients', [ServiceController, 'quotients']).as('quotients')
  router
    .get('/quotients/:id/attestation', [ServiceController, 'quotientDocument'])
    .as('quotients.document')
    .where('id', id)
  router
    .post('/quotients/:id', [ServiceController, 'decideQuotient'])
    .as('quotients.decide')
    .where('id', id)
  router.get('/cantine', [CanteenController, 'index']).as('canteen')
  router.get('/cantine/export.csv', [CanteenController, 'export']).as('canteen.export')
  router.post('/cantine/factures', [ServiceController, 'invoiceMonth']).as('canteen.invoice')
  router
    .get('/activites/:id/modifier', [ActivitiesController, 'edit'])
    .as('activities.edit')
    .where('id', id)
  router
    .post('/activites/:id', [ActivitiesController, 'update'])
    .as('activities.update')
    .where('id', id)
  router
    .post('/activites/:id/ouverture', [ActivitiesController, 'opening'])
    .as('activities.opening')
    .where('id', id)
  router
    .get('/sessions/:id/modifier', [ActivitiesController, 'editSession'])
    .as('session.edit')
    .where('id', id)
  router
    .post('/sessions/:id', [ActivitiesController, 'updateSession'])
    .as('session.update')
    .where('id', id)
  router
    .post('/sessions/:id/ouverture', [ActivitiesController, 'sessionOpening'])
    .as('session.opening')
    .where('id', id)
  router.get('/ecoles', [SchoolsController, 'index']).as('schools')
  router.get('/ecoles/nouvelle', [SchoolsController, 'create']).as('schools.create')
  router.post('/ecoles', [SchoolsController, 'store']).as('schools.store')
  router.get('/ecoles/:id/modifier', [SchoolsController, 'edit']).as('schools.edit').where('id', id)
  router.post('/ecoles/:id', [SchoolsController, 'update']).as('schools.update').where('id', id)
  router.get('/vacances', [HolidaysController, 'index']).as('holidays')
  router.post('/vacances', [HolidaysController, 'store']).as('holidays.store')
  acceptsUploads(
    router.post('/vacances/import', [HolidaysController, 'import']).as('holidays.import'),
    CALENDAR_FILE_BYTES
  )
  router
    .post('/vacances/:id/suppression', [HolidaysController, 'destroy'])
    .as('holidays.destroy')
    .where('id', id)
}
