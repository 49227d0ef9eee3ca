import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Workers now sign of life for the jobs they hold (`heartbeat_at`), so a
 * crashed worker's jobs are taken over within a minute instead of fifteen;
 * jobs about one object carry an `ordering_key` so they run in the order of
 * the events (a reminder never leaves before its confirmation); and each
 * loop claims from its own queue.
 */
export default class extends BaseSchema {
  protected tableName = 'jobs'

  async up() {
    this.schema.alterTable(this.tableName, (table) => {
      table.timestamp('heartbeat_at', { useTz: true }).nullable()
      table.string('ordering_key', 200).nullable()
      table.index(['queue', 'status', 'run_at'])
      table.index(['ordering_key', 'status'])
    })
  }

  async down() {
    this.schema.alterTable(this.tableName, (table) => {
      table.dropIndex(['ordering_key', 'status'])
      table.dropIndex(['queue', 'status', 'run_at'])
      table.dropColumn('ordering_key')
      table.dropColumn('heartbeat_at')
    })
  }
}
