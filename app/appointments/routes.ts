import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const ManageController = () => import('#appointments/controllers/manage_controller')
const id = router.matchers.number()

/* An appointment managed from the mail's signed link or the resident's space. */
router
  .group(() => {
    router.get('/:id', [ManageController, 'show']).as('manage')
    router.get('/:id/deplacer', [ManageController, 'editMove']).as('move.edit')
    router.post('/:id/deplacer', [ManageController, 'move']).as('move')
    router.get('/:id/annuler', [ManageController, 'confirmCancel']).as('cancel.confirm')
    router.post('/:id/annuler', [ManageController, 'cancel']).as('cancel')
  })
  .prefix('/rendez-vous')
  .where('id', id)
  .as('appointments')

router.get('/mon-espace/rendez-vous', [ManageController, 'index']).use(middleware.resident()).as('resident.appointments.index')
