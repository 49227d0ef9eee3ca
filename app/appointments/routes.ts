import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
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

router
  .get('/mon-espace/rendez-vous', [ManageController, 'index'])
  .use(middleware.resident())
  .as('resident.appointments.index')

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
