import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle, draftThrottle, stepThrottle } from '#start/limiter'
import { acceptsUploads } from '#core/services/body_limits'
import { findProcedure } from '#demands/procedures/registry'
import { MESSAGE_ATTACHMENTS, stepsUploadBytes, uploadBytes } from '#demands/services/uploads'

const FilingController = () => import('#demands/controllers/filing_controller')
const ResidentDemandsController = () => import('#demands/controllers/resident_demands_controller')
const AgentDemandsController = () => import('#demands/controllers/agent_demands_controller')
const CounterController = () => import('#demands/controllers/counter_controller')
const NotificationsController = () => import('#demands/controllers/notifications_controller')
const AgentResidentsController = () => import('#demands/controllers/agent_residents_controller')

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const id = router.matchers.number()

/* Filing, under /demarches/<key>: open to visitors for procedures anyone may file. */
router
  .group(() => {
    router.get('/:key', [FilingController, 'start']).as('start')
    router.post('/:key', [FilingController, 'create']).as('create').use(draftThrottle)
    router.get('/:key/:id/etape/:step', [FilingController, 'showStep']).as('step')
    acceptsUploads(
      router
        .post('/:key/:id/etape/:step', [FilingController, 'saveStep'])
        .as('step.save')
        .use(stepThrottle),
      ({ key, step }) =>
        stepsUploadBytes(findProcedure(key)?.steps.slice(Number(step) - 1, Number(step)) ?? [])
    )
    router.post('/:key/:id/etape/:step/verifier', [FilingController, 'checkField']).as('step.check')
    router.get('/:key/:id/coordonnees', [FilingController, 'showApplicant']).as('applicant')
    router.post('/:key/:id/coordonnees', [FilingController, 'saveApplicant']).as('applicant.save')
    router.get('/:key/:id/recapitulatif', [FilingController, 'review']).as('review')
    router
      .post('/:key/:id/envoyer', [FilingController, 'submit'])
      .as('submit')
      .use(submissionThrottle)
    router.get('/:key/:id/accuse-reception', [FilingController, 'receipt']).as('receipt')
    router.get('/:key/:id/recepisse.pdf', [FilingController, 'receiptPdf']).as('receipt.pdf')
    router.get('/:key/:id/fichiers/:fileId', [FilingController, 'draftFile']).as('draft_file')
  })
  .prefix('/demarches')
  .where('key', KEY)
  .where('id', id)
  .as('filing')

/* The resident's demands and notifications. */
router
  .group(() => {
    router.get('/demandes', [ResidentDemandsController, 'index']).as('demands.index')
    router.get('/demandes/:id', [ResidentDemandsController, 'show']).as('demands.show')
    acceptsUploads(
      router
        .post('/demandes/:id/messages', [ResidentDemandsController, 'reply'])
        .as('demands.reply')
        .use(submissionThrottle),
      uploadBytes([MESSAGE_ATTACHMENTS])
    )
    router
      .get('/demandes/:id/retirer', [ResidentDemandsController, 'confirmWithdrawal'])
      .as('demands.confirm_withdrawal')
    router
      .post('/demandes/:id/retirer', [ResidentDemandsController, 'withdraw'])
      .as('demands.withdraw')
    router
      .get('/demandes/:id/fichiers/:fileId', [ResidentDemandsController, 'file'])
      .as('demands.file')
    router
      .get('/demandes/:id/recepisse.pdf', [ResidentDemandsController, 'receiptPdf'])
      .as('demands.receipt_pdf')
    router
      .get('/brouillons/:id/supprimer', [ResidentDemandsController, 'confirmDiscard'])
      .as('drafts.confirm_delete')
    router
      .post('/brouillons/:id/supprimer', [ResidentDemandsController, 'discard'])
      .as('drafts.delete')
    router.get('/notifications', [NotificationsController, 'index']).as('notifications.index')
    router
      .post('/notifications/preferences', [NotificationsController, 'updatePreferences'])
      .as('notifications.preferences')
  })
  .prefix('/mon-espace')
  .where('id', id)
  .use(middleware.resident())
  .as('resident')

/* The agents' inbox, demand pages, bulk actions, export and counter mode. */
router
  .group(() => {
    router.get('/', [AgentDemandsController, 'index']).as('index')
    router.get('/export.csv', [AgentDemandsController, 'export']).as('export')
    router.post('/lot', [AgentDemandsController, 'bulkConfirm']).as('bulk.confirm')
    router.post('/lot/confirmer', [AgentDemandsController, 'bulkApply']).as('bulk.apply')
    router.post('/filtres', [AgentDemandsController, 'saveFilter']).as('filters.save')
    router
      .post('/filtres/:id/supprimer', [AgentDemandsController, 'deleteFilter'])
      .as('filters.delete')
    router.get('/nouvelle', [CounterController, 'start']).as('counter.start')
    router.get('/nouvelle/:key', [CounterController, 'form']).as('counter.form').where('key', KEY)
    acceptsUploads(
      router
        .post('/nouvelle/:key', [CounterController, 'store'])
        .as('counter.store')
        .where('key', KEY),
      ({ key }) => stepsUploadBytes(findProcedure(key)?.steps ?? [])
    )
    router.get('/:id', [AgentDemandsController, 'show']).as('show')
    router.post('/:id/transition', [AgentDemandsController, 'transition']).as('transition')
    acceptsUploads(
      router.post('/:id/message', [AgentDemandsController, 'message']).as('message'),
      uploadBytes([MESSAGE_ATTACHMENTS])
    )
    router.post('/:id/note', [AgentDemandsController, 'note']).as('note')
    router.post('/:id/assignation', [AgentDemandsController, 'assign']).as('assign')
    router.post('/:id/transmission', [AgentDemandsController, 'transfer']).as('transfer')
    router.get('/:id/fichiers/:fileId', [AgentDemandsController, 'file']).as('file')
  })
  .prefix('/agents/demandes')
  .where('id', id)
  .use(middleware.agent())
  .as('agent_demands')

/* An agent's 360° view of a resident, reached from the counter search. */
router
  .get('/agents/usagers/:id', [AgentResidentsController, 'show'])
  .as('agent_residents.show')
  .where('id', id)
  .use(middleware.agent())
