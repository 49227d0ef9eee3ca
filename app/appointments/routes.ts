import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'
import { CANCEL_PAGE, MANAGE_PAGE } from '#appointments/services/manage_links'

const ManageController = () => import('#appointments/controllers/manage_controller')
const id = router.matchers.number()

/* An appointment managed from the mail's signed link (MANAGE_PAGE, CANCEL_PAGE) or the resident's space. */
router
  .group(() => {
    router.get(MANAGE_PAGE, [ManageController, 'show']).as('manage')
    router.get('/rendez-vous/:id/agenda.ics', [ManageController, 'calendar']).as('calendar')
    router.get('/rendez-vous/:id/deplacer', [ManageController, 'editMove']).as('move.edit')
    router.post('/rendez-vous/:id/deplacer', [ManageController, 'move']).as('move')
    router.get(CANCEL_PAGE, [ManageController, 'confirmCancel']).as('cancel.confirm')
    router.post(CANCEL_PAGE, [ManageController, 'cancel']).as('cancel')
  })
  .where('id', id)
  .as('appointments')

const TypeBookingController = () => import('#appointments/controllers/type_booking_controller')

router.get('/rendez-vous', [TypeBookingController, 'index']).as('appointments.book.index')

/* Any meeting type residents may book, by its key: /rendez-vous/<key> (an appointment's page is /rendez-vous/<number>). */
router
  .group(() => {
    router.get('/rendez-vous/:type', [TypeBookingController, 'show']).as('show')
    router.post('/rendez-vous/:type/creneau', [TypeBookingController, 'chooseSlot']).as('slot')
    router.get('/rendez-vous/:type/coordonnees', [TypeBookingController, 'contact']).as('contact')
    router
      .post('/rendez-vous/:type/coordonnees', [TypeBookingController, 'book'])
      .as('store')
      .use(submissionThrottle)
    router
      .post('/rendez-vous/:type/liste-attente', [TypeBookingController, 'joinWaitingList'])
      .as('waiting_list')
      .use(submissionThrottle)
  })
  .where('type', /^[a-z][a-z0-9_-]*$/)
  .as('appointments.book')

router
  .get('/mon-espace/rendez-vous', [ManageController, 'index'])
  .use(middleware.resident())
  .as('resident.appointments.index')

const WaitingListController = () => import('#appointments/controllers/waiting_list_controller')

/* The resident's waiting lists, which they may leave. */
router
  .group(() => {
    router.get('/', [WaitingListController, 'residentIndex']).as('index')
    router.post('/:id/quitter', [WaitingListController, 'leave']).as('leave').where('id', id)
  })
  .prefix('/mon-espace/liste-attente')
  .use(middleware.resident())
  .as('resident.waiting_list')

const AgentAppointmentsController = () =>
  import('#appointments/controllers/agent_appointments_controller')

/* Agents: their services' appointments of a day or a week, the export, moving one, the waiting lists. */
router
  .group(() => {
    router.get('/', [AgentAppointmentsController, 'index']).as('index')
    router.get('/export', [AgentAppointmentsController, 'export']).as('export')
    router.get('/liste-attente', [WaitingListController, 'agentsIndex']).as('waiting')
    router.get('/:id', [AgentAppointmentsController, 'show']).as('show').where('id', id)
    router
      .get('/:id/deplacer', [AgentAppointmentsController, 'editMove'])
      .as('move.edit')
      .where('id', id)
    router.post('/:id/deplacer', [AgentAppointmentsController, 'move']).as('move').where('id', id)
  })
  .prefix('/agents/rendez-vous')
  .use(middleware.agent())
  .as('appointments.agents')

const AgendasAdminController = () => import('#appointments/controllers/agendas_admin_controller')

/* Admins set up the agendas: places, desks, hours, types and closures. */
router
  .group(() => {
    router.get('/', [AgendasAdminController, 'index']).as('index')
    router.get('/lieux/nouveau', [AgendasAdminController, 'createPoint']).as('points.create')
    router.post('/lieux', [AgendasAdminController, 'storePoint']).as('points.store')
    router
      .get('/lieux/:id', [AgendasAdminController, 'editPoint'])
      .as('points.edit')
      .where('id', id)
    router
      .post('/lieux/:id', [AgendasAdminController, 'updatePoint'])
      .as('points.update')
      .where('id', id)
    router
      .post('/lieux/:id/horaires', [AgendasAdminController, 'addRange'])
      .as('ranges.store')
      .where('id', id)
    router
      .post('/lieux/:id/horaires/:rangeId/supprimer', [AgendasAdminController, 'removeRange'])
      .as('ranges.destroy')
      .where('id', id)
      .where('rangeId', id)
    router.get('/types/nouveau', [AgendasAdminController, 'createType']).as('types.create')
    router.post('/types', [AgendasAdminController, 'storeType']).as('types.store')
    router.get('/types/:id', [AgendasAdminController, 'editType']).as('types.edit').where('id', id)
    router
      .post('/types/:id', [AgendasAdminController, 'updateType'])
      .as('types.update')
      .where('id', id)
    router.post('/fermetures', [AgendasAdminController, 'addClosure']).as('closures.store')
    router
      .post('/fermetures/:id/supprimer', [AgendasAdminController, 'removeClosure'])
      .as('closures.destroy')
      .where('id', id)
  })
  .prefix('/agents/admin/agendas')
  .use(middleware.agent({ role: 'admin' }))
  .as('back_office.admin.agendas')
