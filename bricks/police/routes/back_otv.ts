import type { Router } from '@adonisjs/core/http'

const PatrolController = () => import('../controllers/patrol_controller.js')
const SectorsController = () => import('../controllers/sectors_controller.js')

/** Opération Tranquillité Vacances, agents' side, under /agents/police-municipale/tranquillite-vacances. */
export default function otvBackRoutes(router: Router) {
  const id = router.matchers.number()
  router.get('/tranquillite-vacances', [PatrolController, 'index']).as('otv.index')
  router.get('/tranquillite-vacances/secteurs', [SectorsController, 'index']).as('otv.sectors')
  router
    .post('/tranquillite-vacances/secteurs', [SectorsController, 'store'])
    .as('otv.sectors.store')
  router
    .post('/tranquillite-vacances/rues', [SectorsController, 'addStreets'])
    .as('otv.streets.store')
  router
    .get('/tranquillite-vacances/impression', [PatrolController, 'printAll'])
    .as('otv.print_all')
  router
    .get('/tranquillite-vacances/secteurs/:id/impression', [PatrolController, 'print'])
    .as('otv.print')
    .where('id', id)
  router
    .get('/tranquillite-vacances/secteurs/:id/patrouille', [PatrolController, 'patrol'])
    .as('otv.patrol')
    .where('id', id)
  router
    .post('/tranquillite-vacances/foyers/:id/passages', [PatrolController, 'recordPassage'])
    .as('otv.passage')
    .where('id', id)
  router
    .post('/tranquillite-vacances/passages/:id/cloture', [PatrolController, 'closeAnomaly'])
    .as('otv.anomaly.close')
    .where('id', id)
}
