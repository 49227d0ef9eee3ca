import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Webhooks of /api/v1: endpoints of an API client (URL, events, signing
 * secret, encrypted with APP_KEY), one delivery per event × endpoint written
 * in the event's transaction, and every attempt at sending one.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('webhook_endpoints', (table) => {
      table.increments('id')
      table
        .integer('api_client_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('api_clients')
        .onDelete('CASCADE')
      table.string('url', 2000).notNullable()
      table.text('events').notNullable()
      table.text('secret').notNullable()
      table.text('previous_secret').nullable()
      table.timestamp('previous_secret_expires_at').nullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.string('disabled_reason', 200).nullable()
      table.timestamp('disabled_at').nullable()
      // bumped by each run of the endpoint's drain job (see webhooks/README.md, "Order")
      table.integer('generation').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['enabled'])
    })
    this.schema.createTable('webhook_deliveries', (table) => {
      table.increments('id')
      table
        .integer('webhook_endpoint_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('webhook_endpoints')
        .onDelete('CASCADE')
      table.string('message_id', 64).notNullable().unique()
      table.string('event_type', 100).notNullable()
      table.text('payload').notNullable()
      // pending, delivered, held (endpoint disabled), gone (410), dead
      table.string('status', 16).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      // failures since the last success, replay or release: MAX_ATTEMPTS of them and it is dead
      table.integer('failures').notNullable().defaultTo(0)
      // the next attempt is an admin's replay
      table.boolean('replay').notNullable().defaultTo(false)
      table.integer('last_status_code').nullable()
      table.text('last_error').nullable()
      table.timestamp('last_attempt_at').nullable()
      // after a failure: not before this moment
      table.timestamp('retry_at').nullable()
      table.timestamp('delivered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['webhook_endpoint_id', 'id'])
      table.index(['webhook_endpoint_id', 'status', 'id'])
    })
    this.schema.createTable('webhook_attempts', (table) => {
      table.increments('id')
      table
        .integer('webhook_delivery_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('webhook_deliveries')
        .onDelete('CASCADE')
      table.integer('status_code').nullable()
      table.integer('duration_ms').notNullable()
      table.string('error', 500).nullable()
      table.string('response_excerpt', 500).nullable()
      table.boolean('replay').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.index(['webhook_delivery_id', 'id'])
    })
  }

  async down() {
    this.schema.dropTable('webhook_attempts')
    this.schema.dropTable('webhook_deliveries')
    this.schema.dropTable('webhook_endpoints')
  }
}
