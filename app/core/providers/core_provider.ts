import type { ApplicationService } from '@adonisjs/core/types'
import { DatabaseProbe } from '#core/health/database_probe'
import { cacheEdgeWork } from '#core/services/edge_cache'
// Installs the app's clock as Luxon's "now" before any model stamps a row.
import '#core/clock'

/** Container bindings of the core services. */
export default class CoreProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.bind(DatabaseProbe, () => new DatabaseProbe())
  }

  /* After the Edge provider's boot (which configures Edge): see #core/services/edge_cache. */
  async boot() {
    if (this.app.inProduction) cacheEdgeWork((await import('edge.js')).default)
  }
}
