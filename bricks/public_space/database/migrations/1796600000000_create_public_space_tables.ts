import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Reports of problems in public space: the category tree admins edit (each
 * category routed to a technical service and optionally a team), the
 * reports, their photos, their updates (public or internal) and the people
 * following them. Prefixed with the brick's name, so removing it names what to drop.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('public_space_categories', (table) => {
      table.increments('id')
      table.integer('parent_id').unsigned().nullable().references('public_space_categories.id')
      // The Open311 service_code and the stable name of a category.
      table.string('code', 40).notNullable().unique()
      table.string('name', 100).notNullable()
      table.string('service_slug', 60).notNullable()
      table.string('team', 100).nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.boolean('active').notNullable().defaultTo(true)
    })

    this.schema.createTable('public_space_reports', (table) => {
      table.increments('id')
      table.string('reference', 20).notNullable().unique()
      table.integer('category_id').unsigned().notNullable().references('public_space_categories.id')
      table.string('service_slug', 60).notNullable()
      table.string('team', 100).nullable()
      // nouveau, pris en compte, programmé, résolu, non du ressort de la ville
      table.string('status', 20).notNullable()
      table.string('address', 200).notNullable()
      table.double('lat').notNullable()
      table.double('lng').notNullable()
      table.text('description').notNullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('contact_name', 120).nullable()
      table.string('contact_email', 254).nullable()
      table.string('contact_phone', 30).nullable()
      // web, open311
      table.string('channel', 20).notNullable().defaultTo('web')
      // Anonymous reports count once their e-mail is confirmed; reports from an account at once.
      table.timestamp('verified_at', { useTz: true }).nullable()
      table.date('planned_on').nullable()
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.integer('reopen_count').notNullable().defaultTo(0)
      table.integer('merged_into_id').unsigned().nullable().references('public_space_reports.id')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['service_slug', 'status', 'created_at'])
      table.index(['category_id', 'status', 'lat', 'lng'])
      table.index(['lat', 'lng'])
    })

    this.schema.createTable('public_space_photos', (table) => {
      table.increments('id')
      table
        .integer('report_id')
        .unsigned()
        .notNullable()
        .references('public_space_reports.id')
        .onDelete('CASCADE')
      table.string('storage_key', 200).notNullable()
      table.string('mime_type', 40).notNullable()
      // Shown on public pages only once an agent accepted it.
      table.boolean('accepted').notNullable().defaultTo(false)
      // resident, reopen, agent
      table.string('origin', 20).notNullable().defaultTo('resident')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['report_id'])
    })

    this.schema.createTable('public_space_updates', (table) => {
      table.increments('id')
      table
        .integer('report_id')
        .unsigned()
        .notNullable()
        .references('public_space_reports.id')
        .onDelete('CASCADE')
      // public, internal, reopened, fixed (the reporter said it is fixed)
      table.string('kind', 20).notNullable()
      table.string('status', 20).nullable()
      table.text('body').notNullable()
      table.integer('agent_id').unsigned().nullable().references('agents.id').onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['report_id', 'created_at'])
    })

    this.schema.createTable('public_space_followers', (table) => {
      table.increments('id')
      table
        .integer('report_id')
        .unsigned()
        .notNullable()
        .references('public_space_reports.id')
        .onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.boolean('reporter').notNullable().defaultTo(false)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['report_id', 'email'])
    })

    this.defer(async (db) => {
      const roots = [
        ['VOIRIE', 'Voirie', 10],
        ['ECLAIRAGE', 'Éclairage public', 20],
        ['PROPRETE', 'Propreté', 30],
        ['ESPACES_VERTS', 'Espaces verts', 40],
        ['MOBILIER', 'Mobilier urbain', 50],
        ['TAGS', 'Tags et graffitis', 60],
      ] as const
      for (const [code, name, position] of roots)
        await db.table('public_space_categories').insert({
          code,
          name,
          position,
          service_slug: 'services_techniques',
          active: true,
        })
      const idOf = async (code: string) =>
        Number((await db.from('public_space_categories').where('code', code).first()).id)
      const children = [
        ['VOIRIE', 'VOIRIE_NIDPOULE', 'Nid de poule', 'Équipe voirie'],
        ['VOIRIE', 'VOIRIE_TROTTOIR', 'Trottoir abîmé', 'Équipe voirie'],
        ['ECLAIRAGE', 'ECLAIRAGE_LAMPADAIRE', 'Lampadaire en panne', 'Équipe éclairage'],
        ['PROPRETE', 'PROPRETE_DEPOT', 'Dépôt sauvage', 'Équipe propreté'],
        ['ESPACES_VERTS', 'ESPACES_VERTS_ARBRE', 'Arbre dangereux', null],
        ['MOBILIER', 'MOBILIER_BANC', 'Banc cassé', null],
      ] as const
      let position = 1
      for (const [parent, code, name, team] of children)
        await db.table('public_space_categories').insert({
          parent_id: await idOf(parent),
          code,
          name,
          team,
          position: position++,
          service_slug: 'services_techniques',
          active: true,
        })
    })
  }

  async down() {
    this.schema.dropTable('public_space_followers')
    this.schema.dropTable('public_space_updates')
    this.schema.dropTable('public_space_photos')
    this.schema.dropTable('public_space_reports')
    this.schema.dropTable('public_space_categories')
  }
}
