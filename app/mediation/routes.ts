import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import { acceptsUploads } from '#core/services/body_limits'
import { uploadBytes } from '#demands/services/uploads'
import { SCANNED_MANDATE } from '#mediation/services/scan'

const ResidentMandatesController = () =>
  import('#mediation/controllers/resident_mandates_controller')
const MediatorController = () => import('#mediation/controllers/mediator_controller')
const PostalResidentsController = () => import('#mediation/controllers/postal_residents_controller')

const id = router.matchers.number()

/* The resident's mandates (never reachable by a mediator acting for them: see the acting middleware). */
router
  .group(() => {
    router.get('/', [ResidentMandatesController, 'index']).as('index')
    router.get('/nouveau', [ResidentMandatesController, 'create']).as('create')
    router.post('/', [ResidentMandatesController, 'store']).as('store')
    router
      .post('/:id/revocation', [ResidentMandatesController, 'revoke'])
      .as('revoke')
      .where('id', id)
  })
  .prefix('/mon-espace/mandats')
  .use(middleware.resident())
  .as('mediation.resident')

/* The mediators' back office: agents of the "mediation" service only (404 for the others). */
router
  .group(() => {
    router.get('/', [MediatorController, 'index']).as('index')
    router.get('/mandats/nouveau', [MediatorController, 'createMandate']).as('mandates.create')
    acceptsUploads(
      router.post('/mandats', [MediatorController, 'storeMandate']).as('mandates.store'),
      uploadBytes([SCANNED_MANDATE])
    )
    router
      .get('/mandats/:id/formulaire', [MediatorController, 'scan'])
      .as('mandates.scan')
      .where('id', id)
    router
      .post('/mandats/:id/session', [MediatorController, 'startSession'])
      .as('session.start')
      .where('id', id)
    router.post('/session/fin', [MediatorController, 'endSession']).as('session.end')
    router.get('/usagers/nouveau', [PostalResidentsController, 'create']).as('postal.create')
    router.post('/usagers', [PostalResidentsController, 'store']).as('postal.store')
    router
      .get('/usagers/:id/courrier', [PostalResidentsController, 'letter'])
      .as('postal.letter')
      .where('id', id)
  })
  .prefix('/agents/mediation')
  .use([middleware.agent(), middleware.service({ services: ['mediation'] })])
  .as('mediation.agents')
