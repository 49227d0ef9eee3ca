import type { Router } from '@adonisjs/core/http'
import { acceptsUploads, MEGABYTE } from '#core/services/body_limits'
import { DECREE_PDF } from '../services/decree_files.js'

const DecreesController = () => import('../controllers/decrees_controller.js')
const DecreeRequestsController = () => import('../controllers/decree_requests_controller.js')

/**
 * The register as agents keep it (/agents/police-municipale/arretes), for
 * agents granted police.decrees.manage. Only drafts have edit and delete
 * routes that act: a registered decree answers 404 on every one of them.
 */
export function decreesBackRoutes(router: Router) {
  const id = router.matchers.number()
  const pdfBytes = DECREE_PDF.maxSizeMb * MEGABYTE
  router.get('/arretes', [DecreesController, 'index']).as('decrees.index')
  router.get('/arretes/demandes', [DecreeRequestsController, 'index']).as('decrees.requests')
  router
    .post('/arretes/demandes/:id', [DecreeRequestsController, 'generate'])
    .as('decrees.requests.generate')
    .where('id', id)
  router.get('/arretes/nouveau', [DecreesController, 'create']).as('decrees.create')
  acceptsUploads(
    router.post('/arretes', [DecreesController, 'store']).as('decrees.store'),
    pdfBytes
  )
  router.get('/arretes/:id', [DecreesController, 'show']).as('decrees.show').where('id', id)
  router.get('/arretes/:id/pdf', [DecreesController, 'pdf']).as('decrees.pdf').where('id', id)
  router
    .get('/arretes/:id/modifier', [DecreesController, 'edit'])
    .as('decrees.edit')
    .where('id', id)
  acceptsUploads(
    router.post('/arretes/:id', [DecreesController, 'update']).as('decrees.update').where('id', id),
    pdfBytes
  )
  router
    .post('/arretes/:id/suppression', [DecreesController, 'destroy'])
    .as('decrees.destroy')
    .where('id', id)
  router
    .post('/arretes/:id/enregistrement', [DecreesController, 'register'])
    .as('decrees.register')
    .where('id', id)
}
