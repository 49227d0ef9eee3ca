import type { Router } from '@adonisjs/core/http'
import { submissionThrottle } from '#start/limiter'
import { MANAGE_BY_LINK } from '../services/otv_links.js'

const OtvController = () => import('../controllers/otv_controller.js')

/** Opération Tranquillité Vacances, residents' side, under /police-municipale/tranquillite-vacances. */
export default function otvFrontRoutes(router: Router) {
  router.get('/tranquillite-vacances', [OtvController, 'index']).as('otv.index')
  // the receipt mail's signed link (no account needed)
  router
    .get(MANAGE_BY_LINK.replace('/police-municipale', ''), [OtvController, 'openLink'])
    .as('otv.link')
  router
    .group(() => {
      router.get('/tranquillite-vacances/:id', [OtvController, 'show']).as('otv.show')
      router
        .post('/tranquillite-vacances/:id/dates', [OtvController, 'changeDates'])
        .as('otv.dates')
        .use(submissionThrottle)
      router.post('/tranquillite-vacances/:id/annuler', [OtvController, 'cancel']).as('otv.cancel')
      router
        .post('/tranquillite-vacances/:id/retour', [OtvController, 'earlyReturn'])
        .as('otv.return')
    })
    // the resident who declared it, or whoever opened the receipt mail's signed link (OtvController#own)
    .where('id', router.matchers.number())
}
