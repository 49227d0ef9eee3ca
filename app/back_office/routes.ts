import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import { passwordResetThrottle } from '#start/limiter'
import { acceptsUploads } from '#core/services/body_limits'

const AgentSessionController = () => import('#back_office/controllers/agent_session_controller')
const AgentPasswordController = () => import('#back_office/controllers/agent_password_controller')
const DashboardController = () => import('#back_office/controllers/dashboard_controller')
const StatisticsController = () => import('#back_office/controllers/statistics_controller')
const AdminController = () => import('#back_office/controllers/admin_controller')
const AuditController = () => import('#back_office/controllers/audit_controller')
const AgentsController = () => import('#back_office/controllers/agents_controller')
const ServicesController = () => import('#back_office/controllers/services_controller')
const MailsController = () => import('#back_office/controllers/mails_controller')
const JobsExportController = () => import('#back_office/controllers/jobs_export_controller')
const SettingsController = () => import('#back_office/controllers/settings_controller')
const ProcedureBuilderController = () =>
  import('#back_office/controllers/procedure_builder_controller')
const ProcedureExchangeController = () =>
  import('#back_office/controllers/procedure_exchange_controller')
const ProcedureWorkflowController = () =>
  import('#back_office/controllers/procedure_workflow_controller')
const SecondFactorLoginController = () =>
  import('#back_office/controllers/second_factor_login_controller')
const SecondFactorEnrolmentController = () =>
  import('#back_office/controllers/second_factor_enrolment_controller')
const AgentSecondFactorController = () =>
  import('#back_office/controllers/agent_second_factor_controller')

router
  .group(() => {
    router.get('/connexion', [AgentSessionController, 'create']).as('login.create')
    router.post('/connexion', [AgentSessionController, 'store']).as('login.store')
    // The second step, after the password: nobody is logged in yet (see second_factor_login).
    router.get('/connexion/code', [SecondFactorLoginController, 'show']).as('login.code')
    router.post('/connexion/code', [SecondFactorLoginController, 'store']).as('login.check_code')
    router.post('/connexion/annuler', [SecondFactorLoginController, 'cancel']).as('login.cancel')
    router
      .get('/connexion/activation', [SecondFactorEnrolmentController, 'createAtLogin'])
      .as('login.enrolment')
    router
      .post('/connexion/activation', [SecondFactorEnrolmentController, 'storeAtLogin'])
      .as('login.confirm_enrolment')
  })
  .prefix('/agents')
  .use(middleware.guest({ guard: 'agent' }))
  .as('back_office')

router
  .group(() => {
    router.post('/deconnexion', [AgentSessionController, 'destroy']).as('logout')
    router.get('/mot-de-passe-oublie', [AgentPasswordController, 'forgot']).as('password.forgot')
    router
      .post('/mot-de-passe-oublie', [AgentPasswordController, 'sendLink'])
      .as('password.send_link')
      .use(passwordResetThrottle)
    router
      .get('/mot-de-passe/:id', [AgentPasswordController, 'edit'])
      .as('password.edit')
      .where('id', router.matchers.number())
    router
      .post('/mot-de-passe/:id', [AgentPasswordController, 'update'])
      .as('password.update')
      .where('id', router.matchers.number())
  })
  .prefix('/agents')
  .as('back_office')

router
  .get('/agents', [DashboardController, 'show'])
  .use(middleware.agent())
  .as('back_office.dashboard')
// Figures of the agent's services (every service for admins): StatisticsPolicy answers 404 to the others.
router
  .group(() => {
    router.get('/', [StatisticsController, 'index']).as('index')
    router.get('/export.csv', [StatisticsController, 'export']).as('export')
  })
  .prefix('/agents/statistiques')
  .use(middleware.agent())
  .as('back_office.statistics')
router
  .post('/agents/deconnexion-partout', [AgentSessionController, 'destroyEverywhere'])
  .use(middleware.agent())
  .as('back_office.logout_everywhere')

router
  .group(() => {
    router.get('/', [SecondFactorEnrolmentController, 'show']).as('status')
    router.get('/activation', [SecondFactorEnrolmentController, 'create']).as('enrolment')
    router.post('/activation', [SecondFactorEnrolmentController, 'store']).as('confirm')
    router
      .get('/codes-de-secours', [SecondFactorEnrolmentController, 'recoveryCodes'])
      .as('recovery_codes')
    router
      .post('/codes-de-secours', [SecondFactorEnrolmentController, 'renewRecoveryCodes'])
      .as('renew_recovery_codes')
  })
  .prefix('/agents/double-authentification')
  .use(middleware.agent())
  .as('back_office.second_factor')

router
  .group(() => {
    router.get('/', [AdminController, 'show']).as('menu')
    router.get('/agents', [AgentsController, 'index']).as('agents.index')
    router.get('/agents/nouveau', [AgentsController, 'create']).as('agents.create')
    router.post('/agents', [AgentsController, 'store']).as('agents.store')
    router.get('/agents/:id/modifier', [AgentsController, 'edit']).as('agents.edit')
    router.post('/agents/:id', [AgentsController, 'update']).as('agents.update')
    router
      .post('/agents/:id/deconnexion', [AgentsController, 'endSessions'])
      .as('agents.end_sessions')
    router
      .post('/agents/:id/double-authentification/reinitialisation', [
        AgentSecondFactorController,
        'destroy',
      ])
      .as('agents.reset_second_factor')
    router.get('/services', [ServicesController, 'index']).as('services.index')
    router.get('/services/nouveau', [ServicesController, 'create']).as('services.create')
    router.post('/services', [ServicesController, 'store']).as('services.store')
    router.get('/services/:id/modifier', [ServicesController, 'edit']).as('services.edit')
    router.post('/services/:id', [ServicesController, 'update']).as('services.update')
    router.get('/reglages', [SettingsController, 'show']).as('settings.show')
    router
      .post('/reglages/:module', [SettingsController, 'update'])
      .as('settings.update')
      .where('module', /^[a-z][a-z0-9_]{0,59}$/)
    router.get('/mails', [MailsController, 'index']).as('mails.index')
    router.get('/mails/export.csv', [MailsController, 'export']).as('mails.export')
    router.get('/mails/:id', [MailsController, 'show']).as('mails.show')
    router
      .get('/mails/:id/pieces/:attachmentId', [MailsController, 'attachment'])
      .as('mails.attachment')
    router.get('/audit', [AuditController, 'index']).as('audit')
    router.get('/audit/export.csv', [AuditController, 'export']).as('audit.export')
    router.get('/jobs/export.csv', [JobsExportController, 'export']).as('jobs.export')
  })
  .prefix('/agents/admin')
  .use(middleware.agent({ role: 'admin' }))
  .as('back_office.admin')

// The procedure builder: admins and agents holding back_office.procedures.design (see its policy).
router
  .group(() => {
    router.get('/', [ProcedureBuilderController, 'index']).as('index')
    router.get('/nouvelle', [ProcedureBuilderController, 'create']).as('create')
    router.post('/', [ProcedureBuilderController, 'store']).as('store')
    acceptsUploads(
      router.post('/import', [ProcedureExchangeController, 'import']).as('import'),
      200 * 1024
    )
    router.get('/:id', [ProcedureBuilderController, 'show']).as('show')
    router.get('/:id/reglages', [ProcedureBuilderController, 'editGeneral']).as('general')
    router.post('/:id/reglages', [ProcedureBuilderController, 'updateGeneral']).as('general.save')
    router.post('/:id/etapes', [ProcedureBuilderController, 'addStep']).as('steps.add')
    router.get('/:id/etapes/:step', [ProcedureBuilderController, 'editStep']).as('steps.edit')
    router.post('/:id/etapes/:step', [ProcedureBuilderController, 'updateStep']).as('steps.save')
    router
      .post('/:id/etapes/:step/supprimer', [ProcedureBuilderController, 'removeStep'])
      .as('steps.remove')
    router
      .post('/:id/etapes/:step/champs', [ProcedureBuilderController, 'addField'])
      .as('fields.add')
    router.get('/:id/champs/:name', [ProcedureBuilderController, 'editField']).as('fields.edit')
    router.post('/:id/champs/:name', [ProcedureBuilderController, 'updateField']).as('fields.save')
    router
      .post('/:id/champs/:name/deplacer', [ProcedureBuilderController, 'moveField'])
      .as('fields.move')
    router
      .post('/:id/champs/:name/supprimer', [ProcedureBuilderController, 'removeField'])
      .as('fields.remove')
    router.post('/:id/publication', [ProcedureBuilderController, 'publish']).as('publish')
    router.post('/:id/retrait', [ProcedureBuilderController, 'unpublish']).as('unpublish')
    router.get('/:id/apercu/:step', [ProcedureExchangeController, 'preview']).as('preview')
    router
      .post('/:id/apercu/:step', [ProcedureExchangeController, 'previewNext'])
      .as('preview.next')
    router.get('/:id/export.json', [ProcedureExchangeController, 'export']).as('export')
    router.post('/:id/circuit', [ProcedureWorkflowController, 'choose']).as('workflow.choose')
    router
      .get('/:id/circuit/etats/nouveau', [ProcedureWorkflowController, 'createState'])
      .as('workflow.states.create')
    router
      .post('/:id/circuit/etats', [ProcedureWorkflowController, 'addState'])
      .as('workflow.states.add')
    router
      .get('/:id/circuit/etats/:state', [ProcedureWorkflowController, 'editState'])
      .as('workflow.states.edit')
    router
      .post('/:id/circuit/etats/:state', [ProcedureWorkflowController, 'updateState'])
      .as('workflow.states.save')
    router
      .post('/:id/circuit/etats/:state/supprimer', [ProcedureWorkflowController, 'removeState'])
      .as('workflow.states.remove')
    router
      .get('/:id/circuit/actions/nouvelle', [ProcedureWorkflowController, 'createTransition'])
      .as('workflow.transitions.create')
    router
      .post('/:id/circuit/actions', [ProcedureWorkflowController, 'addTransition'])
      .as('workflow.transitions.add')
    router
      .get('/:id/circuit/actions/:transition', [ProcedureWorkflowController, 'editTransition'])
      .as('workflow.transitions.edit')
    router
      .post('/:id/circuit/actions/:transition', [ProcedureWorkflowController, 'updateTransition'])
      .as('workflow.transitions.save')
    router
      .post('/:id/circuit/actions/:transition/supprimer', [
        ProcedureWorkflowController,
        'removeTransition',
      ])
      .as('workflow.transitions.remove')
  })
  .prefix('/agents/admin/demarches')
  .where('id', router.matchers.number())
  .where('step', /^[a-z0-9-]{1,60}$/)
  .where('name', /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/)
  .where('state', /^[a-z][a-z0-9_]{0,39}$/)
  .where('transition', /^[a-z][a-z0-9_]{0,39}$/)
  .use(middleware.agent())
  .as('back_office.builder')
