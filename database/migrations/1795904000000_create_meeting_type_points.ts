import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The meeting points that offer a meeting type. A type with no row here is
 * offered at every open point of its service (how the administration brick's
 * types have always worked); an admin narrows it down in the back office.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('meeting_type_points', (table) => {
      table
        .integer('meeting_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_types')
        .onDelete('CASCADE')
      table
        .integer('meeting_point_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('CASCADE')
      table.primary(['meeting_type_id', 'meeting_point_id'])
      table.index(['meeting_point_id'])
    })
    // The agents' list of a day searches by name; the resident's waiting list is read by user.
    this.schema.alterTable('appointments', (table) => {
      table.index(['meeting_type_id', 'starts_at'])
    })
    this.schema.alterTable('waiting_list_entries', (table) => {
      table.index(['user_id', 'status'])
    })
  }

  async down() {
    this.schema.alterTable('waiting_list_entries', (table) => {
      table.dropIndex(['user_id', 'status'])
    })
    this.schema.alterTable('appointments', (table) => {
      table.dropIndex(['meeting_type_id', 'starts_at'])
    })
    this.schema.dropTable('meeting_type_points')
  }
}
