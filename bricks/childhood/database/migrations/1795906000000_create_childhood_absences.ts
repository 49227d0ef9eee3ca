import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A child's absence over a range of days, recorded by an agent or declared
 * by the family online before the cut-off: the canteen invoicing bills none
 * of its days. (Absences typed day by day before ranges existed stay in
 * `childhood_canteen_registrations.absences` and still count.)
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('childhood_absences', (table) => {
      table.increments('id')
      table
        .integer('household_member_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('starts_on', 10).notNullable() // YYYY-MM-DD, first day absent
      table.string('ends_on', 10).notNullable() // YYYY-MM-DD, last day absent
      table.string('declared_by', 10).notNullable() // agent | family
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.string('reason', 200).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['household_member_id', 'starts_on'])
      table.index(['user_id'])
    })
  }

  async down() {
    this.schema.dropTable('childhood_absences')
  }
}
