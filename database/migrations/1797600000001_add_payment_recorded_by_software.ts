import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A payment the billing software took at its own desk and recorded through
 * /api/v1 (`POST /invoices/{id}/payments`) carries the software's name, as
 * it was then, for the resident's timeline and the agents' invoice page.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('payments', (table) => {
      table.string('recorded_by_software', 200).nullable()
    })
  }

  async down() {
    this.schema.alterTable('payments', (table) => {
      table.dropColumn('recorded_by_software')
    })
  }
}
