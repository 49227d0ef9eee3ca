import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The register of municipal decrees: one counter row per year (locked by the
 * transaction that numbers a decree, so numbers follow each other without a
 * gap), the decrees themselves with their signed PDF and its SHA-256, and the
 * streets or places each one concerns (searched and grouped by street).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('police_decree_counters', (table) => {
      table.integer('year').primary()
      table.integer('last_number').notNullable().defaultTo(0)
    })

    this.schema.createTable('police_decrees', (table) => {
      table.increments('id')
      // Null while a draft; set once, with the number, by the register.
      table.integer('year').nullable()
      table.integer('sequence').nullable()
      table.string('number', 9).nullable().unique()
      table.string('title', 250).notNullable()
      table.string('kind', 40).notNullable()
      table.string('signatory', 150).notNullable()
      table.string('signed_on', 10).notNullable()
      table.string('starts_on', 10).nullable()
      table.string('ends_on', 10).nullable()
      table.text('places').notNullable().defaultTo('')
      // Title, places and kind without accents nor case: the words residents search.
      table.text('search_text').notNullable().defaultTo('')
      table.string('storage_key', 200).notNullable()
      table.string('original_name', 200).notNullable()
      table.integer('size').notNullable()
      table.string('sha256', 64).notNullable()
      table
        .integer('target_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('police_decrees')
        .onDelete('RESTRICT')
      table.string('target_effect', 12).nullable()
      // Individual decrees: the person they concern, notified instead of published.
      table
        .integer('resident_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.integer('demand_id').unsigned().nullable().references('id').inTable('demands')
      table.integer('created_by').unsigned().nullable().references('id').inTable('agents')
      table.timestamp('registered_at', { useTz: true }).nullable()
      table.timestamp('published_at', { useTz: true }).nullable()
      table.timestamp('notified_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['published_at', 'number'])
      table.index(['target_id'])
      table.index(['resident_id'])
    })

    this.schema.createTable('police_decree_places', (table) => {
      table.increments('id')
      table
        .integer('decree_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('police_decrees')
        .onDelete('CASCADE')
      table.string('place', 200).notNullable()
      table.string('place_key', 200).notNullable()
      table.index(['place_key'])
      table.index(['decree_id'])
    })

    this.defer(async (client) => {
      if (client.dialect.name === 'postgres') {
        await client.rawQuery(
          `CREATE INDEX police_decrees_search ON police_decrees USING gin (to_tsvector('french', search_text))`
        )
      }
    })
  }

  async down() {
    this.schema.dropTable('police_decree_places')
    this.schema.dropTable('police_decrees')
    this.schema.dropTable('police_decree_counters')
  }
}
