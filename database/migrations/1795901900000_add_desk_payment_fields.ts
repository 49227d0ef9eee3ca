import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Payments taken at the desk (cash, cheque, card terminal): how the resident
 * paid, the receipt number the agent wrote (unique per method, so one
 * receipt book is never counted twice), the cheque's number and bank, and
 * which agent recorded it. Online payments leave these empty.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('payments', (table) => {
      table.string('method', 12).nullable() // cash | cheque | card (desk); null: online
      table.string('receipt_number', 30).nullable()
      table.string('cheque_number', 30).nullable()
      table.string('cheque_bank', 100).nullable()
      // No foreign key: SQLite would rebuild the payments table to add one; agents are deactivated, not deleted.
      table.integer('recorded_by_agent_id').unsigned().nullable()
      table.unique(['method', 'receipt_number'])
    })
  }

  async down() {
    this.schema.alterTable('payments', (table) => {
      table.dropUnique(['method', 'receipt_number'])
      table.dropColumn('recorded_by_agent_id')
      table.dropColumn('cheque_bank')
      table.dropColumn('cheque_number')
      table.dropColumn('receipt_number')
      table.dropColumn('method')
    })
  }
}
