import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * An absence declared without an account waits for its e-mail address to be
 * confirmed (the receipt mail's link opened) before patrols watch it: nobody
 * sends a patrol to a stranger's door on an address typed by anyone.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('police_otv_absences', (table) => {
      table.boolean('awaiting_email_confirmation').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('police_otv_absences', (table) => {
      table.dropColumn('awaiting_email_confirmation')
    })
  }
}
