import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Agents' second factor (TOTP, RFC 6238): one authenticator per agent, its
 * secret encrypted with APP_KEY (the server must read it back to check a
 * code, so it cannot be hashed), confirmed once the agent typed a first code;
 * the time step of the last code accepted, so that a code is never accepted
 * twice; and a random key that "remember this browser" cookies must carry,
 * so that resetting the factor forgets every remembered browser. Recovery
 * codes are kept as keyed hashes only (HMAC with APP_KEY), each used once.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('agent_second_factors', (table) => {
      table.increments('id')
      table
        .integer('agent_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('agents')
        .onDelete('CASCADE')
      table.text('secret').notNullable()
      table.timestamp('confirmed_at').nullable()
      // the 30-second period (counted since 1970) of the last code accepted: that code and older ones are refused
      table.bigInteger('last_used_step').nullable()
      table.string('browser_key', 64).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
    this.schema.createTable('agent_recovery_codes', (table) => {
      table.increments('id')
      table
        .integer('agent_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('agents')
        .onDelete('CASCADE')
      table.string('code_hash', 64).notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['agent_id', 'code_hash'])
    })
  }

  async down() {
    this.schema.dropTable('agent_recovery_codes')
    this.schema.dropTable('agent_second_factors')
  }
}
