import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The transactional outbox: a job row is written in the same transaction as
 * the change that causes it, then run by a worker (DESIGN.md, "Jobs").
 */
export default class extends BaseSchema {
  protected tableName = 'jobs'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.bigIncrements('id')
      table.string('queue', 50).notNullable().defaultTo('default')
      table.string('name', 100).notNullable()
      table.text('payload').notNullable()
      table.string('idempotency_key', 200).notNullable().unique()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | running | succeeded | dead
      table.integer('attempts').notNullable().defaultTo(0)
      table.integer('max_attempts').notNullable().defaultTo(8)
      table.timestamp('run_at', { useTz: true }).notNullable()
      table.timestamp('locked_at', { useTz: true }).nullable()
      table.string('locked_by', 100).nullable()
      table.text('last_error').nullable()
      table.timestamp('finished_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'run_at'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
