import { inject } from '@adonisjs/core'
import type { HttpContext } from '@adonisjs/core/http'
import { DatabaseProbe } from '#core/health/database_probe'

/** `/health` for load balancers and monitoring: 200 when the database answers, 503 otherwise. */
@inject()
export default class HealthController {
  constructor(protected probe: DatabaseProbe) {}

  async show({ response }: HttpContext) {
    response.header('Cache-Control', 'no-store')
    if (await this.probe.isUp()) {
      return response.ok({ status: 'ok', database: 'ok' })
    }
    return response.serviceUnavailable({ status: 'error', database: 'down' })
  }
}
