import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A job keeps the id of the request that caused it, so the worker's log
 * lines for it can be found from the web request's (and the other way).
 */
export default class extends BaseSchema {
  protected tableName = 'jobs'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.string('request_id', 128).nullable()
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropColumn('request_id')
    })
  }
}
