import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'

const SmsPreferencesController = () =>
  import('#notifications/controllers/sms_preferences_controller')
const SmsAdminController = () => import('#notifications/controllers/sms_admin_controller')

/* The resident's mobile number and SMS choice, next to their notification preferences. */
router
  .group(() => {
    router.get('/sms', [SmsPreferencesController, 'show']).as('show')
    router.post('/sms/numero', [SmsPreferencesController, 'requestCode']).as('request_code')
    router.post('/sms/code', [SmsPreferencesController, 'verifyCode']).as('verify_code')
    router.post('/sms/preferences', [SmsPreferencesController, 'updateOptIn']).as('opt_in')
  })
  .prefix('/mon-espace/notifications')
  .use(middleware.resident())
  .as('resident.sms')

/* The SMS log with its monthly cost, and what the simulator received. */
router
  .group(() => {
    router.get('/sms', [SmsAdminController, 'index']).as('index')
    router.get('/sms/simulateur', [SmsAdminController, 'simulator']).as('simulator')
  })
  .prefix('/agents/admin')
  .use(middleware.agent({ role: 'admin' }))
  .as('back_office.admin.sms')
