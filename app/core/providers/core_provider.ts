import type { ApplicationService } from '@adonisjs/core/types'
import { DatabaseProbe } from '#core/health/database_probe'

/** Container bindings of the core services. */
export default class CoreProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    this.app.container.bind(DatabaseProbe, () => new DatabaseProbe())
  }
}
