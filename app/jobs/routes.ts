import router from '@adonisjs/core/services/router'
import { middleware } from '#accounts/middleware/named'

const JobsController = () => import('#jobs/controllers/jobs_controller')
const MetricsController = () => import('#jobs/controllers/metrics_controller')

/* For Prometheus, by token (METRICS_TOKEN); see README, "Several processes". */
router.get('/metrics', [MetricsController, 'show']).as('metrics')

router
  .group(() => {
    router.get('/jobs', [JobsController, 'index']).as('index')
    router.get('/jobs/:id', [JobsController, 'show']).as('show')
    router.post('/jobs/:id/relance', [JobsController, 'retry']).as('retry')
    router.get('/jobs/:id/liberer', [JobsController, 'confirmRelease']).as('release.confirm')
    router.post('/jobs/:id/liberer', [JobsController, 'release']).as('release')
  })
  .prefix('/agents/admin')
  .use(middleware.agent({ role: 'admin' }))
  .as('jobs')
