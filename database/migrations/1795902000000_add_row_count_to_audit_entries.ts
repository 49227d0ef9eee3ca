import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * How many rows an export or a list of people gave the agent: the audit log
 * says not only that a list left the portal but how large it was.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('audit_entries', (table) => {
      table.integer('row_count').nullable()
    })
  }

  async down() {
    this.schema.alterTable('audit_entries', (table) => {
      table.dropColumn('row_count')
    })
  }
}
