import router from '@adonisjs/core/services/router'
import { contentPage } from '#core/services/content_pages'
import { middleware } from '#accounts/middleware/named'

const PagesController = () => import('#portal/controllers/pages_controller')
const CatalogueController = () => import('#portal/controllers/catalogue_controller')
const LanguageController = () => import('#portal/controllers/language_controller')
const HealthController = () => import('#core/health/health_controller')

contentPage(router.get('/', [PagesController, 'home']).as('home'))
contentPage(router.get('/demarches', [CatalogueController, 'index']).as('catalogue'))
contentPage(router.get('/accessibilite', [PagesController, 'accessibility']).as('accessibility'))
contentPage(
  router.get('/donnees-personnelles', [PagesController, 'personalData']).as('personal_data')
)
contentPage(router.get('/mentions-legales', [PagesController, 'legal']).as('legal'))
contentPage(router.get('/langue/:locale', [LanguageController, 'switch']).as('language.switch'))
contentPage(router.get('/health', [HealthController, 'show']).as('health'))

const MyDataController = () => import('#portal/controllers/my_data_controller')
const AgentResidentDataController = () =>
  import('#portal/controllers/agent_resident_data_controller')

/* The resident's own data: archive, deletion of the account, rectification. */
router
  .group(() => {
    router.get('/', [MyDataController, 'show']).as('show')
    router.post('/archive', [MyDataController, 'requestExport']).as('export')
    router
      .get('/archive/:token', [MyDataController, 'download'])
      .as('download')
      .where('token', /^[A-Za-z0-9_-]{20,64}$/)
    router.get('/suppression', [MyDataController, 'confirmDelete']).as('confirm_delete')
    router.post('/suppression', [MyDataController, 'destroy']).as('destroy')
    router.get('/rectification', [MyDataController, 'rectification']).as('rectification')
    router.post('/rectification', [MyDataController, 'rectify']).as('rectify')
  })
  .prefix('/mon-espace/donnees')
  .use(middleware.resident())
  .as('my_data')

/* Where a resident lands once their account is deleted: what was kept, and until when. */
router.get('/compte-supprime', [MyDataController, 'deleted']).as('account_deleted')

/* The same rights run by the front desk or an admin for a request received by post (audited). */
router
  .group(() => {
    router.get('/', [AgentResidentDataController, 'show']).as('show')
    router.post('/archive', [AgentResidentDataController, 'requestExport']).as('export')
    router
      .get('/archive/:token', [AgentResidentDataController, 'download'])
      .as('download')
      .where('token', /^[A-Za-z0-9_-]{20,64}$/)
    router.post('/suppression', [AgentResidentDataController, 'destroy']).as('destroy')
  })
  .prefix('/agents/usagers/:id/donnees')
  .where('id', router.matchers.number())
  .use(middleware.agent())
  .as('agent_resident_data')
