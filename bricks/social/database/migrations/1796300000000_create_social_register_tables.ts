import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The register of vulnerable people (plan canicule / grand froid): the
 * sectors the city splits its territory into, the people registered with
 * their consent, the alerts the prefect triggers and every call logged
 * during an alert. Removing a registration removes its calls.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('social_register_sectors', (table) => {
      table.increments('id')
      table.string('name', 80).notNullable().unique()
      // The streets it covers, as the agents read them (a help to choose, not a geocoder).
      table.string('streets', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.createTable('social_register_entries', (table) => {
      table.increments('id')
      // The resident who registered (themself or a relative); null when an agent did.
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.string('relation', 10).notNullable() // self | relative | agent
      table.string('first_name', 80).notNullable()
      table.string('last_name', 80).notNullable()
      table.string('birth_date', 10).nullable() // YYYY-MM-DD
      table.boolean('disabled').notNullable().defaultTo(false)
      table.string('phone', 20).notNullable()
      table.string('address_line', 200).notNullable()
      table.string('postal_code', 5).notNullable()
      table.string('city', 80).notNullable()
      table
        .integer('sector_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('social_register_sectors')
        .onDelete('SET NULL')
      table.string('referent_name', 120).nullable()
      table.string('referent_phone', 20).nullable()
      table.text('needs').nullable()
      table.timestamp('consent_at', { useTz: true }).notNullable()
      // When an agent last checked the registration (null: still to check).
      table.timestamp('checked_at', { useTz: true }).nullable()
      // The retention period runs from here: the registration, or its last check.
      table.timestamp('confirmed_at', { useTz: true }).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id'])
      table.index(['sector_id'])
      table.index(['confirmed_at'])
    })
    this.schema.createTable('social_alerts', (table) => {
      table.increments('id')
      table.string('kind', 10).notNullable() // heat | cold
      table.string('starts_on', 10).notNullable()
      table.string('ends_on', 10).notNullable()
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['ends_on'])
    })
    this.schema.createTable('social_alert_calls', (table) => {
      table.increments('id')
      table
        .integer('alert_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('social_alerts')
        .onDelete('CASCADE')
      table
        .integer('entry_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('social_register_entries')
        .onDelete('CASCADE')
      table.string('day', 10).notNullable() // YYYY-MM-DD
      table.string('outcome', 12).notNullable() // reached | not_reached | visit
      table.string('note', 200).nullable()
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['alert_id', 'entry_id'])
      table.index(['entry_id'])
    })
  }

  async down() {
    this.schema.dropTable('social_alert_calls')
    this.schema.dropTable('social_alerts')
    this.schema.dropTable('social_register_entries')
    this.schema.dropTable('social_register_sectors')
  }
}
