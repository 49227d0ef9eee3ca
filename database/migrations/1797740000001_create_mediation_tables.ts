import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Digital mediation: the mandates residents give a mediator (which modules,
 * until when, on paper with the signed form scanned or online), the actions
 * a mediator took "for" a resident under one of them, and on the audit log
 * the mandate and the resident an agent's action was done for. Residents
 * registered by a mediator without an e-mail address are postal-only.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('mediation_mandates', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table
        .integer('agent_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('agents')
        .onDelete('CASCADE')
      /** JSON list of module names (bricks, demands, appointments) the mediator may act in */
      table.text('scope').notNullable()
      table.string('channel', 10).notNullable() // paper | online
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
      table.timestamp('revoked_at', { useTz: true }).nullable()
      table.string('revoked_by', 10).nullable() // resident | agent
      table.string('scan_key', 255).nullable()
      table.string('scan_name', 255).nullable()
      table.string('scan_mime', 100).nullable()
      table.integer('scan_size').nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['agent_id', 'ends_at'])
      table.index(['user_id'])
    })
    this.schema.createTable('mediation_actions', (table) => {
      table.increments('id')
      table
        .integer('mandate_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('mediation_mandates')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('agent_id').unsigned().notNullable()
      /** the mediator's name when they acted: the resident's timeline keeps it */
      table.string('agent_name', 210).notNullable()
      table.string('module', 60).notNullable()
      table.string('route', 150).nullable()
      table.string('method', 10).notNullable()
      table.string('path', 300).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'created_at'])
    })
    this.schema.alterTable('audit_entries', (table) => {
      table.integer('mandate_id').nullable()
      table.integer('acted_for_user_id').nullable()
    })
    this.schema.alterTable('users', (table) => {
      table.boolean('postal_only').notNullable().defaultTo(false)
      table.integer('registered_by_agent_id').nullable()
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('postal_only')
      table.dropColumn('registered_by_agent_id')
    })
    this.schema.alterTable('audit_entries', (table) => {
      table.dropColumn('mandate_id')
      table.dropColumn('acted_for_user_id')
    })
    this.schema.dropTable('mediation_actions')
    this.schema.dropTable('mediation_mandates')
  }
}
