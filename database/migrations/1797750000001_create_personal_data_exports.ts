import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Archives of a resident's data (issue 18): asked by the resident or by an
 * agent for them, built by a job, downloadable by the random token for 48
 * hours, then removed with their file.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('personal_data_exports', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('token', 64).notNullable().unique()
      table.string('status', 20).notNullable()
      table.string('storage_key', 200).nullable()
      table.integer('size').nullable()
      table
        .integer('requested_by_agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('ready_at').nullable()
      table.timestamp('expires_at').nullable()
      table.index(['user_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('personal_data_exports')
  }
}
