import type { Router } from '@adonisjs/core/http'
import { middleware } from '#accounts/middleware/named'
import { submissionThrottle } from '#start/limiter'

const OtvController = () => import('../controllers/otv_controller.js')

/** Opération Tranquillité Vacances, residents' side, under /police-municipale/tranquillite-vacances. */
export default function otvFrontRoutes(router: Router) {
  router.get('/tranquillite-vacances', [OtvController, 'index']).as('otv.index')
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
    .where('id', router.matchers.number())
    .use(middleware.resident())
}
