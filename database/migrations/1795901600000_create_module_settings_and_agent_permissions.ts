import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What admins decide without a deployment: the typed settings modules declare
 * in their manifests (one row per changed setting, its value as JSON, who
 * changed it and when; an absent row means the declared default), and the
 * permissions granted to an agent in one of their services. The ANTS
 * fail-open switch moves here from the platform's key/value `settings`.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('module_settings', (table) => {
      table.increments('id')
      table.string('module', 60).notNullable()
      table.string('key', 100).notNullable()
      table.text('value').notNullable()
      table
        .integer('updated_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['module', 'key'])
    })

    this.schema.createTable('agent_permissions', (table) => {
      table
        .integer('agent_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('agents')
        .onDelete('CASCADE')
      table
        .integer('service_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('services')
        .onDelete('CASCADE')
      table.string('permission', 120).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.primary(['agent_id', 'service_id', 'permission'])
      table.index(['service_id'])
    })
  }

  async down() {
    this.schema.dropTable('agent_permissions')
    this.schema.dropTable('module_settings')
  }
}
