import router from '@adonisjs/core/services/router'

/**
 * The middleware routes name (`.use(middleware.agent())`): who may reach a
 * route. Modules import them from here, never from the HTTP kernel
 * (start/kernel.ts), which imports the modules.
 */
export const middleware = router.named({
  guest: () => import('#accounts/middleware/guest_middleware'),
  resident: () => import('#accounts/middleware/resident_middleware'),
  agent: () => import('#accounts/middleware/agent_middleware'),
  service: () => import('#accounts/middleware/service_middleware'),
  brick: () => import('#middleware/brick_middleware'),
})
