import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * /api/v1/demands pages by id, newest first, within the client's services
 * and often one state: these indexes read a page of a service (and a state)
 * in id order directly, however many demands other services or states hold
 * (`npm run bench -- api`: without them, the state filter read the whole
 * table backwards at 1M demands).
 */
export default class extends BaseSchema {
  protected tableName = 'demands'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.index(['service_slug', 'id'], 'demands_api_by_service')
      table.index(['service_slug', 'state', 'id'], 'demands_api_by_service_state')
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['service_slug', 'state', 'id'], 'demands_api_by_service_state')
      table.dropIndex(['service_slug', 'id'], 'demands_api_by_service')
    })
  }
}
