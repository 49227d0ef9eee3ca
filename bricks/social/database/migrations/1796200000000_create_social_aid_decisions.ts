import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the commission decided on an aid request: its date, granted with an
 * amount or refused with a reason, and who recorded it. It goes with its
 * demand (deleted with it when the demand's retention ends).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_aid_decisions', (table) => {
      table.increments('id')
      table
        .integer('demand_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('demands')
        .onDelete('CASCADE')
      table.string('commission_on', 10).notNullable() // YYYY-MM-DD
      table.string('outcome', 10).nullable() // granted | refused (null: awaiting the commission)
      table.integer('amount_cents').nullable()
      table.string('reason', 500).nullable()
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('decided_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('social_aid_decisions')
  }
}
