import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Procedures built in the back office rather than coded: the definition
 * being edited (a JSON document), its published versions (immutable, one
 * row each) and, on every demand, the version it was filed with, so that
 * a later edit never changes how an old demand reads, exports or validates.
 * `revision` grows at every publish and unpublish: the processes compare
 * its sum to know when to reload the published procedures.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('built_procedures', (table) => {
      table.increments('id')
      table.string('key', 60).notNullable().unique()
      table.text('draft').notNullable()
      table.integer('published_version').nullable()
      table.boolean('listed').notNullable().defaultTo(false)
      table.integer('revision').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
    this.schema.createTable('built_procedure_versions', (table) => {
      table.increments('id')
      table
        .integer('built_procedure_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('built_procedures')
        .onDelete('CASCADE')
      table.integer('version').notNullable()
      table.text('definition').notNullable()
      table.integer('published_by').unsigned().nullable().references('id').inTable('agents')
      table.timestamp('published_at').notNullable()
      table.unique(['built_procedure_id', 'version'])
    })
    this.schema.alterTable('demands', (table) => {
      table.integer('procedure_version').nullable()
    })
  }

  async down() {
    this.schema.alterTable('demands', (table) => {
      table.dropColumn('procedure_version')
    })
    this.schema.dropTable('built_procedure_versions')
    this.schema.dropTable('built_procedures')
  }
}
