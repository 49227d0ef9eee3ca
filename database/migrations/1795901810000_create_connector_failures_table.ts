import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * How many calls to each outside service (SMTP, ANTS, PayFiP…) failed, for
 * /metrics. Kept in the database rather than in a process: most calls leave
 * from jobs:work processes, which Prometheus does not scrape.
 */
export default class extends BaseSchema {
  protected tableName = 'connector_failures'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('connector', 50).primary()
      table.bigInteger('failures').notNullable().defaultTo(0)
      table.timestamp('last_failed_at', { useTz: true }).nullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
