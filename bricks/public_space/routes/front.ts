import type { Router } from '@adonisjs/core/http'
import { contentPage } from '#core/services/content_pages'
import { acceptsUploads } from '#core/services/body_limits'
import { submissionThrottle } from '#start/limiter'
import { uploadBytes } from '#demands/services/uploads'
import { PHOTO_RULES } from '../services/photos.js'

const FilingController = () => import('../controllers/filing_controller.js')
const PublicController = () => import('../controllers/public_controller.js')
const FeedbackController = () => import('../controllers/feedback_controller.js')

/** Residents' pages, mounted under /signalements (patterns of mailed links: services/links.ts). */
export default function (router: Router) {
  const id = router.matchers.number()
  contentPage(router.get('/', [PublicController, 'index']).as('index'))
  contentPage(router.get('/carte.json', [PublicController, 'markers']).as('markers'))
  router.get('/nouveau', [FilingController, 'start']).as('new')
  router.post('/nouveau', [FilingController, 'locate']).as('locate')
  router.get('/nouveau/details', [FilingController, 'details']).as('details')
  acceptsUploads(
    router
      .post('/nouveau/details', [FilingController, 'store'])
      .as('store')
      .use(submissionThrottle),
    uploadBytes([PHOTO_RULES])
  )
  router.get('/nouveau/envoye', [FilingController, 'filed']).as('filed')
  router.post('/:id/suivre', [FilingController, 'follow']).as('follow').where('id', id)
  router.get('/:id/confirmer', [PublicController, 'confirm']).as('confirm').where('id', id)
  router.get('/:id/avis', [FeedbackController, 'show']).as('feedback').where('id', id)
  acceptsUploads(
    router
      .post('/:id/avis', [FeedbackController, 'answer'])
      .as('feedback.answer')
      .where('id', id)
      .use(submissionThrottle),
    uploadBytes([PHOTO_RULES])
  )
  contentPage(router.get('/:id', [PublicController, 'show']).as('show').where('id', id))
  contentPage(router.get('/photos/:id', [PublicController, 'photo']).as('photo').where('id', id))
}
