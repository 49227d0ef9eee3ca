import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The SMS channel: residents' verified mobile numbers, the notices waiting
 * to leave (grouped per resident, held back at night, capped per day), the
 * log of every SMS (recipient masked, segments, cost) and what the loopback
 * simulator received in place of a real provider.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('sms_mobiles', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('number', 20).nullable()
      table.timestamp('verified_at').nullable()
      table.string('pending_number', 20).nullable()
      table.string('code_hash', 64).nullable()
      table.timestamp('code_expires_at').nullable()
      table.integer('code_attempts').notNullable().defaultTo(0)
      table.integer('codes_sent').notNullable().defaultTo(0)
      table.timestamp('codes_window_started_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
    this.schema.createTable('sms_notices', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind', 60).notNullable()
      table.text('body').notNullable()
      table.boolean('urgent').notNullable().defaultTo(false)
      table.string('subject_key', 150).nullable()
      table.string('idempotency_key', 200).notNullable().unique()
      table.timestamp('due_at').notNullable()
      table.string('status', 20).notNullable()
      table.integer('sms_log_id').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'status', 'due_at'])
      table.index(['subject_key'])
    })
    this.schema.createTable('sms_log', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('recipient_masked', 30).notNullable()
      table.string('sender', 11).notNullable()
      table.string('kinds', 200).notNullable()
      table.string('encoding', 8).notNullable()
      table.integer('segments').notNullable()
      table.string('status', 20).notNullable()
      table.string('provider_reference', 100).nullable()
      table.integer('cost_millis').notNullable().defaultTo(0)
      table.text('error').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
      table.index(['user_id', 'status', 'created_at'])
    })
    this.schema.createTable('sms_simulator_messages', (table) => {
      table.increments('id')
      table.string('ticket', 60).notNullable()
      table.string('sender', 20).notNullable()
      table.string('recipient', 20).notNullable()
      table.text('text').notNullable()
      table.string('encoding', 8).notNullable()
      table.integer('segments').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['created_at'])
    })
  }

  async down() {
    this.schema.dropTable('sms_simulator_messages')
    this.schema.dropTable('sms_log')
    this.schema.dropTable('sms_notices')
    this.schema.dropTable('sms_mobiles')
  }
}
