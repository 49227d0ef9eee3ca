import type { Router } from '@adonisjs/core/http'
import { contentPage } from '#core/services/content_pages'
import { DECREE_NUMBER } from '../services/decree_number.js'

const PublicDecreesController = () => import('../controllers/public_decrees_controller.js')

/**
 * The register of municipal decrees at /arretes, the address the city gives
 * for its acts: content pages, read without a session and with no cookie.
 */
export default function (router: Router) {
  contentPage(router.get('/arretes', [PublicDecreesController, 'index']).as('decrees.index'))
  contentPage(
    router
      .get('/arretes/travaux-et-circulation', [PublicDecreesController, 'works'])
      .as('decrees.works')
  )
  contentPage(
    router.get('/arretes/flux.atom', [PublicDecreesController, 'feed']).as('decrees.feed')
  )
  contentPage(
    router
      .get('/arretes/:number', [PublicDecreesController, 'show'])
      .as('decrees.show')
      .where('number', DECREE_NUMBER)
  )
  contentPage(
    router
      .get('/arretes/:number/pdf', [PublicDecreesController, 'pdf'])
      .as('decrees.pdf')
      .where('number', DECREE_NUMBER)
  )
}
