import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Opération Tranquillité Vacances: the city's streets cut into patrol
 * sectors, the declared absences, the patrols' passages (with anomalies),
 * and the anonymous monthly statistics kept after the purge.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('police_sectors', (table) => {
      table.increments('id')
      table.string('name', 100).notNullable().unique()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.createTable('police_streets', (table) => {
      table.increments('id')
      table.string('name', 150).notNullable()
      // lower case, without accents nor punctuation: what an address is matched on
      table.string('normalized', 150).notNullable().unique()
      // a street belongs to one sector at most
      table
        .integer('sector_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('police_sectors')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
    this.schema.createTable('police_otv_absences', (table) => {
      table.increments('id')
      table.string('reference', 30).notNullable().unique()
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('email', 254).nullable()
      table.string('full_name', 200).nullable()
      table.integer('street_id').unsigned().notNullable().references('id').inTable('police_streets')
      table.integer('street_number').unsigned().notNullable()
      table.string('address_complement', 150).nullable()
      table.string('starts_on', 10).notNullable() // YYYY-MM-DD, day of departure
      table.string('ends_on', 10).notNullable() // YYYY-MM-DD, day of return (moved by an early return)
      table.string('status', 12).notNullable() // active | cancelled | returned
      table.string('home_type', 20).notNullable()
      table.boolean('alarm').notNullable().defaultTo(false)
      table.string('alarm_company', 150).nullable()
      table.string('key_holder_name', 150).nullable()
      table.string('key_holder_phone', 30).nullable()
      table.string('vehicles', 300).nullable()
      table.string('pets', 300).nullable()
      table.string('reach_phone', 30).nullable()
      table.text('instructions').nullable()
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.timestamp('summary_sent_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['status', 'starts_on', 'ends_on'])
      table.index(['user_id'])
    })
    this.schema.createTable('police_otv_passages', (table) => {
      table.increments('id')
      table
        .integer('absence_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('police_otv_absences')
        .onDelete('CASCADE')
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('passed_at', { useTz: true }).notNullable()
      table.string('remark', 500).nullable()
      table.boolean('anomaly').notNullable().defaultTo(false)
      table.timestamp('anomaly_closed_at', { useTz: true }).nullable()
      table.string('anomaly_note', 500).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['absence_id', 'passed_at'])
    })
    this.schema.createTable('police_otv_statistics', (table) => {
      table.increments('id')
      table.string('month', 7).notNullable() // YYYY-MM of the departure
      table.string('sector', 100).notNullable()
      table.integer('homes').notNullable().defaultTo(0)
      table.integer('passages').notNullable().defaultTo(0)
      table.integer('anomalies').notNullable().defaultTo(0)
      table.unique(['month', 'sector'])
    })
  }

  async down() {
    this.schema.dropTable('police_otv_statistics')
    this.schema.dropTable('police_otv_passages')
    this.schema.dropTable('police_otv_absences')
    this.schema.dropTable('police_streets')
    this.schema.dropTable('police_sectors')
  }
}
