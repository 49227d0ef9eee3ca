import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * A resident's FranceConnect identity: the `sub` FranceConnect gives this
 * portal (stable, opaque, one per person), and when the account was linked.
 * While it is set, the name and birth date come from FranceConnect and the
 * profile keeps them as they are. A demand remembers whether the session that
 * filed it came from FranceConnect.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('users', (table) => {
      table.string('franceconnect_sub', 255).nullable().unique()
      table.timestamp('franceconnect_linked_at', { useTz: true }).nullable()
    })
    this.schema.alterTable('demands', (table) => {
      table.boolean('filed_with_franceconnect').notNullable().defaultTo(false)
    })
  }

  async down() {
    this.schema.alterTable('demands', (table) => {
      table.dropColumn('filed_with_franceconnect')
    })
    this.schema.alterTable('users', (table) => {
      table.dropUnique(['franceconnect_sub'])
      table.dropColumn('franceconnect_linked_at')
      table.dropColumn('franceconnect_sub')
    })
  }
}
