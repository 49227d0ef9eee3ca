import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the seniors' activities add to a registration of the activities
 * engine: who takes part (a name for those registered at the counter), a
 * phone, the emergency contact, the companion seat and the shuttle pick-up.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_senior_registrations', (table) => {
      table.increments('id')
      table
        .integer('registration_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('activity_registrations')
        .onDelete('CASCADE')
      table.string('participant_name', 200).notNullable()
      table.string('phone', 30).nullable()
      table.string('emergency_contact', 200).nullable()
      table.boolean('companion').notNullable().defaultTo(false)
      table.boolean('shuttle').notNullable().defaultTo(false)
      table.string('pickup_address', 250).nullable()
      table.integer('pickup_order').nullable() // the driver's round, set by an agent
      // Registered at the counter (or by phone) by this agent; null when online.
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.boolean('retirement_checked').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('social_senior_registrations')
  }
}
