import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Server-side sessions (see app/accounts/services/session_store.ts). Times
 * are milliseconds since the epoch, compared with the app's clock as plain
 * numbers on both engines. The resident and the agent a session belongs to
 * are columns, so that every session of a person can be ended at once.
 */
export default class extends BaseSchema {
  protected tableName = 'sessions'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('id', 64).primary()
      table.text('data').notNullable()
      table.integer('user_id').nullable().index()
      table.integer('agent_id').nullable().index()
      table.bigint('created_at').notNullable()
      table.bigint('expires_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
