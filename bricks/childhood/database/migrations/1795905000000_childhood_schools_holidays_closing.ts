import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Schools get their classes (admins keep the list), sessions can be closed
 * to registrations like activities, and the school holidays of the city's
 * zone are kept per period (entered by an admin or imported from the
 * national calendar) so that the canteen invoicing skips them.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('childhood_schools', (table) => {
      table.text('classes').notNullable().defaultTo('[]') // JSON: ["CP", "CE1 A", …]
    })
    this.schema.alterTable('childhood_sessions', (table) => {
      table.boolean('closed').notNullable().defaultTo(false)
    })
    this.schema.createTable('childhood_school_holidays', (table) => {
      table.increments('id')
      table.string('zone', 1).notNullable() // A | B | C
      table.string('label', 150).notNullable()
      // First and last day without school, both included (YYYY-MM-DD).
      table.string('starts_on', 10).notNullable()
      table.string('ends_on', 10).notNullable()
      table.string('source', 10).notNullable() // manual | import
      table.unique(['zone', 'starts_on', 'ends_on'])
      table.index(['zone', 'ends_on'])
    })
  }

  async down() {
    this.schema.dropTable('childhood_school_holidays')
    this.schema.alterTable('childhood_sessions', (table) => {
      table.dropColumn('closed')
    })
    this.schema.alterTable('childhood_schools', (table) => {
      table.dropColumn('classes')
    })
  }
}
