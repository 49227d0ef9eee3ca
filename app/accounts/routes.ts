import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'
import {
  emailChangeThrottle,
  passwordResetThrottle,
  registrationThrottle,
  verificationThrottle,
} from '#start/limiter'

const RegistrationController = () => import('#accounts/controllers/registration_controller')
const SessionController = () => import('#accounts/controllers/session_controller')
const PasswordResetController = () => import('#accounts/controllers/password_reset_controller')
const ResidentSpaceController = () => import('#accounts/controllers/resident_space_controller')
const ProfileController = () => import('#accounts/controllers/profile_controller')
const HouseholdController = () => import('#accounts/controllers/household_controller')
const EmailChangeController = () => import('#accounts/controllers/email_change_controller')
const FranceConnectController = () => import('#accounts/controllers/franceconnect_controller')

router
  .group(() => {
    router.get('/inscription', [RegistrationController, 'create']).as('register.create')
    router
      .post('/inscription', [RegistrationController, 'store'])
      .as('register.store')
      .use(registrationThrottle)
    router.get('/connexion', [SessionController, 'create']).as('login.create')
    router.post('/connexion', [SessionController, 'store']).as('login.store')
  })
  .use(middleware.guest({ guard: 'web' }))
  .as('accounts')

router
  .group(() => {
    router
      .get('/inscription/verification', [RegistrationController, 'pending'])
      .as('verification.pending')
    router
      .get('/inscription/verification/:id', [RegistrationController, 'confirm'])
      .as('verification.confirm')
      .where('id', router.matchers.number())
    router
      .post('/inscription/verification/renvoyer', [RegistrationController, 'resend'])
      .as('verification.resend')
      .use(verificationThrottle)
    router
      .get('/mot-de-passe-oublie', [PasswordResetController, 'create'])
      .as('password_reset.create')
    router
      .post('/mot-de-passe-oublie', [PasswordResetController, 'store'])
      .as('password_reset.store')
      .use(passwordResetThrottle)
    router
      .get('/mot-de-passe-oublie/envoye', [PasswordResetController, 'sent'])
      .as('password_reset.sent')
    router
      .get('/mot-de-passe-oublie/:id', [PasswordResetController, 'edit'])
      .as('password_reset.edit')
      .where('id', router.matchers.number())
    router
      .post('/mot-de-passe-oublie/:id', [PasswordResetController, 'update'])
      .as('password_reset.update')
      .where('id', router.matchers.number())
    router.post('/deconnexion', [SessionController, 'destroy']).as('logout')
    router
      .get('/adresse-electronique/confirmation/:id', [EmailChangeController, 'confirm'])
      .as('email_change.confirm')
      .where('id', router.matchers.number())
  })
  .as('accounts')

router
  .group(() => {
    router.get('/', [ResidentSpaceController, 'show']).as('dashboard')
    router.get('/profil', [ProfileController, 'edit']).as('profile.edit')
    router.post('/profil', [ProfileController, 'update']).as('profile.update')
    router
      .get('/profil/adresse-electronique', [EmailChangeController, 'edit'])
      .as('email_change.edit')
    router
      .post('/profil/adresse-electronique', [EmailChangeController, 'update'])
      .as('email_change.update')
      .use(emailChangeThrottle)
    router.get('/foyer', [HouseholdController, 'index']).as('household.index')
    router.get('/foyer/ajouter', [HouseholdController, 'create']).as('household.create')
    router.post('/foyer', [HouseholdController, 'store']).as('household.store')
    router.get('/foyer/:id/modifier', [HouseholdController, 'edit']).as('household.edit')
    router.post('/foyer/:id', [HouseholdController, 'update']).as('household.update')
    router
      .get('/foyer/:id/supprimer', [HouseholdController, 'confirmDestroy'])
      .as('household.confirm_destroy')
    router.post('/foyer/:id/supprimer', [HouseholdController, 'destroy']).as('household.destroy')
  })
  .prefix('/mon-espace')
  .use(middleware.resident())
  .as('accounts')

/* FranceConnect: the way out to it, the way back (login, first login, linking), the logout return. */
router
  .group(() => {
    router
      .get('/franceconnect/connexion', [FranceConnectController, 'start'])
      .as('franceconnect.start')
    router
      .get('/franceconnect/retour', [FranceConnectController, 'callback'])
      .as('franceconnect.callback')
    router
      .get('/franceconnect/deconnexion/retour', [FranceConnectController, 'loggedOut'])
      .as('franceconnect.logged_out')
  })
  .as('accounts')

router
  .group(() => {
    router
      .get('/profil/franceconnect', [FranceConnectController, 'manage'])
      .as('franceconnect.manage')
    router.post('/profil/franceconnect', [FranceConnectController, 'link']).as('franceconnect.link')
    router
      .post('/profil/franceconnect/supprimer', [FranceConnectController, 'unlink'])
      .as('franceconnect.unlink')
  })
  .prefix('/mon-espace')
  .use(middleware.resident())
  .as('accounts')
