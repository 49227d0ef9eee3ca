import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The keys business software send with `Idempotency-Key` on the writes that
 * create something (an invoice): the first answer is kept and replayed for
 * the same key and body, so a retry never creates twice. And the name of the
 * software that wrote a line of a demand's timeline (`actor_type` software),
 * kept as it was then, so the agents read "Le logiciel X" even after the
 * client is renamed or revoked.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('api_idempotency_keys', (table) => {
      table.increments('id')
      table
        .integer('api_client_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('api_clients')
        .onDelete('CASCADE')
      table.string('key', 255).notNullable()
      table.string('operation_id', 100).notNullable()
      table.string('request_hash', 64).notNullable()
      table.integer('status').notNullable()
      table.text('response_body').notNullable()
      table.string('etag', 100).nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['api_client_id', 'key'])
      table.index(['created_at'])
    })
    this.schema.alterTable('api_calls', (table) => {
      table.index(['created_at'])
    })
    this.schema.alterTable('demand_events', (table) => {
      table.string('actor_name', 120).nullable()
    })
  }

  async down() {
    this.schema.alterTable('demand_events', (table) => {
      table.dropColumn('actor_name')
    })
    this.schema.alterTable('api_calls', (table) => {
      table.dropIndex(['created_at'])
    })
    this.schema.dropTable('api_idempotency_keys')
  }
}
