import router from '@adonisjs/core/services/router'

const PagesController = () => import('#portal/controllers/pages_controller')
const CatalogueController = () => import('#portal/controllers/catalogue_controller')
const LanguageController = () => import('#portal/controllers/language_controller')
const HealthController = () => import('#core/health/health_controller')

router.get('/', [PagesController, 'home']).as('home')
router.get('/demarches', [CatalogueController, 'index']).as('catalogue')
router.get('/accessibilite', [PagesController, 'accessibility']).as('accessibility')
router.get('/donnees-personnelles', [PagesController, 'personalData']).as('personal_data')
router.get('/mentions-legales', [PagesController, 'legal']).as('legal')
router.get('/langue/:locale', [LanguageController, 'switch']).as('language.switch')
router.get('/health', [HealthController, 'show']).as('health')
