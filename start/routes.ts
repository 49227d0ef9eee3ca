/*
 * Routes of the core modules, then the installed bricks' routes. The core
 * never imports a brick: bricks are reached through the registry.
 */
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { ModuleRegistry } from '#core/modules/registry'
import { mountBrickRoutes } from '#portal/brick_routes'

await import('#portal/routes')
await import('#accounts/routes')
await import('#back_office/routes')
await import('#jobs/routes')
await import('#notifications/routes')
await import('#demands/routes')
await import('#appointments/routes')
await import('#payments/routes')
await import('#mediation/routes')
await import('#api/routes')

await mountBrickRoutes(router, await app.container.make(ModuleRegistry))
