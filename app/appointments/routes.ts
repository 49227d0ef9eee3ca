import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ManageController = () => import('#appointments/controllers/manage_controller')
const id = router.matchers.number()

/* An appointment managed from the mail's signed link or the resident's space. */
router
  .group(() => {
    router.get('/:id', [ManageController, 'show']).as('manage')
    router.get('/:id/agenda.ics', [ManageController, 'calendar']).as('calendar')
    router.get('/:id/deplacer', [ManageController, 'editMove']).as('move.edit')
    router.post('/:id/deplacer', [ManageController, 'move']).as('move')
    router.get('/:id/annuler', [ManageController, 'confirmCancel']).as('cancel.confirm')
    router.post('/:id/annuler', [ManageController, 'cancel']).as('cancel')
  })
  .prefix('/rendez-vous')
  .where('id', id)
  .as('appointments')

router.get('/mon-espace/rendez-vous', [ManageController, 'index']).use(middleware.resident()).as('resident.appointments.index')

const AgendasAdminController = () => import('#appointments/controllers/agendas_admin_controller')

/* Admins set up the agendas: places, desks, hours, types and closures. */
router
  .group(() => {
    router.get('/', [AgendasAdminController, 'index']).as('index')
    router.get('/lieux/nouveau', [AgendasAdminController, 'createPoint']).as('points.create')
    router.post('/lieux', [AgendasAdminController, 'storePoint']).as('points.store')
    router.get('/lieux/:id', [AgendasAdminController, 'editPoint']).as('points.edit').where('id', id)
    router.post('/lieux/:id', [AgendasAdminController, 'updatePoint']).as('points.update').where('id', id)
    router.post('/lieux/:id/horaires', [AgendasAdminController, 'addRange']).as('ranges.store').where('id', id)
    router.post('/lieux/:id/horaires/:rangeId/supprimer', [AgendasAdminController, 'removeRange']).as('ranges.destroy').where('id', id).where('rangeId', id)
    router.get('/types/:id', [AgendasAdminController, 'editType']).as('types.edit').where('id', id)
    router.post('/types/:id', [AgendasAdminController, 'updateType']).as('types.update').where('id', id)
    router.post('/fermetures', [AgendasAdminController, 'addClosure']).as('closures.store')
    router.post('/fermetures/:id/supprimer', [AgendasAdminController, 'removeClosure']).as('closures.destroy').where('id', id)
  })
  .prefix('/agents/admin/agendas')
  .use(middleware.agent({ role: 'admin' }))
  .as('back_office.admin.agendas')
