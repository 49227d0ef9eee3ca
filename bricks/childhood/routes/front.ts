import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'
import { acceptsUploads } from '#core/services/body_limits'
import { uploadBytes } from '#demands/services/uploads'
import { ATTESTATION } from '../services/family.js'

const FamilyController = () => import('../controllers/family_controller.js')
const FamilyAbsencesController = () => import('../controllers/family_absences_controller.js')

export default function (router: Router) {
  router
    .group(() => {
      router.get('/', [FamilyController, 'index']).as('index')
      router.get('/activites', [FamilyController, 'activities']).as('activities')
      router
        .post('/inscriptions', [FamilyController, 'register'])
        .as('register')
        .use(submissionThrottle)
      router
        .get('/inscriptions/:id/annuler', [FamilyController, 'confirmCancel'])
        .as('cancel.confirm')
        .where('id', router.matchers.number())
      router
        .post('/inscriptions/:id/annuler', [FamilyController, 'cancel'])
        .as('cancel')
        .where('id', router.matchers.number())
      router.get('/cantine', [FamilyController, 'canteenForm']).as('canteen')
      router.post('/cantine', [FamilyController, 'registerCanteen']).as('canteen.save')
      router.get('/quotient', [FamilyController, 'quotientForm']).as('quotient')
      router.get('/absences', [FamilyAbsencesController, 'index']).as('absences')
      router
        .post('/absences', [FamilyAbsencesController, 'store'])
        .as('absences.store')
        .use(submissionThrottle)
      router
        .post('/absences/:id/retirer', [FamilyAbsencesController, 'withdraw'])
        .as('absences.withdraw')
        .where('id', router.matchers.number())
      acceptsUploads(
        router
          .post('/quotient', [FamilyController, 'saveQuotient'])
          .as('quotient.save')
          .use(submissionThrottle),
        uploadBytes([ATTESTATION])
      )
    })
    .use(middleware.resident())
}
