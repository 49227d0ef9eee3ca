import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The extra questions of a category (Open311 GeoReport v2 service
 * definitions: `attributes`), asked of the clients that file through
 * /open311/v2; and, on reports, what the followers were last mailed, so that
 * public updates piling up within a few minutes leave as one mail.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('public_space_category_attributes', (table) => {
      table.increments('id')
      table
        .integer('category_id')
        .unsigned()
        .notNullable()
        .references('public_space_categories.id')
        .onDelete('CASCADE')
      // The `attribute[CODE]` a client sends.
      table.string('code', 40).notNullable()
      // string, number, datetime, text, singlevaluelist, multivaluelist
      table.string('datatype', 20).notNullable()
      // false: an informational text only, nothing to answer
      table.boolean('variable').notNullable().defaultTo(true)
      table.boolean('required').notNullable().defaultTo(false)
      table.integer('position').notNullable()
      table.string('description', 300).notNullable()
      table.string('datatype_description', 300).nullable()
      // JSON list of { key, name } for the list datatypes
      table.text('choices').nullable()
      table.unique(['category_id', 'code'])
      table.unique(['category_id', 'position'])
    })

    this.schema.alterTable('public_space_reports', (table) => {
      // The last public update the followers were mailed, and when.
      table.integer('mailed_update_id').nullable()
      table.timestamp('updates_mailed_at', { useTz: true }).nullable()
    })

    this.defer(async (db) => {
      const category = async (code: string) =>
        (await db.from('public_space_categories').where('code', code).first())?.id as
          number | undefined
      const pothole = await category('VOIRIE_NIDPOULE')
      if (pothole)
        await db.table('public_space_category_attributes').insert({
          category_id: pothole,
          code: 'TAILLE',
          datatype: 'singlevaluelist',
          variable: true,
          required: true,
          position: 1,
          description: 'Taille du trou',
          choices: JSON.stringify([
            { key: 'PETIT', name: 'Moins de 20 cm' },
            { key: 'MOYEN', name: 'De 20 à 50 cm' },
            { key: 'GRAND', name: 'Plus de 50 cm' },
          ]),
        })
      const light = await category('ECLAIRAGE_LAMPADAIRE')
      if (light)
        await db.table('public_space_category_attributes').insert({
          category_id: light,
          code: 'NUMERO',
          datatype: 'string',
          variable: true,
          required: false,
          position: 1,
          description: 'Numéro inscrit sur le mât du lampadaire',
        })
    })
  }

  async down() {
    this.schema.alterTable('public_space_reports', (table) => {
      table.dropColumn('mailed_update_id')
      table.dropColumn('updates_mailed_at')
    })
    this.schema.dropTable('public_space_category_attributes')
  }
}
