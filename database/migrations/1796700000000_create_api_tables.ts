import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * API clients (a business software allowed on /api/v1 with scopes, services
 * and a rate limit; only the sha256 of its token is kept) and the log of
 * their calls, read per client in /agents/admin/api.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('api_clients', (table) => {
      table.increments('id')
      table.string('name', 120).notNullable()
      table.text('scopes').notNullable()
      table.text('services').notNullable()
      table.integer('rate_limit').notNullable()
      table.string('token_prefix', 24).notNullable()
      table.string('token_hash', 64).notNullable().unique()
      table.string('previous_token_hash', 64).nullable().unique()
      table.timestamp('previous_token_expires_at').nullable()
      table
        .integer('created_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('revoked_at').nullable()
      table.timestamp('last_used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
    this.schema.createTable('api_calls', (table) => {
      table.increments('id')
      table
        .integer('api_client_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('api_clients')
        .onDelete('CASCADE')
      table.string('method', 8).notNullable()
      table.string('route', 200).notNullable()
      table.integer('status').notNullable()
      table.integer('duration_ms').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['api_client_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable('api_calls')
    this.schema.dropTable('api_clients')
  }
}
