import router from '@adonisjs/core/services/router'
import { contentPage } from '#core/services/content_pages'

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
