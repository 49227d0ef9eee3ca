import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The address a resident asked to move their account to, until they open
 * the link sent there: the account keeps its address meanwhile, and only the
 * latest request's link can confirm.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('pending_email', 254).nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('pending_email')
    })
  }
}
