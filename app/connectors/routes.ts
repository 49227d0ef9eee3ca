import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const JobsController = () => import('#connectors/controllers/jobs_controller')

router
  .group(() => {
    router.get('/jobs', [JobsController, 'index']).as('index')
    router.get('/jobs/:id', [JobsController, 'show']).as('show')
    router.post('/jobs/:id/relance', [JobsController, 'retry']).as('retry')
  })
  .prefix('/agents/admin')
  .use(middleware.agent({ role: 'admin' }))
  .as('connectors.jobs')
