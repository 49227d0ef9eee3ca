import { BaseSchema } from '@adonisjs/lucid/schema'

/** One counter per reference scope (prefix and year), e.g. PRV-2026. */
export default class extends BaseSchema {
  protected tableName = 'reference_sequences'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.string('scope', 60).primary()
      table.integer('last_value').notNullable()
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
