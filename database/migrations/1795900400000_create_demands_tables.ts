import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Demands (a draft until submitted), their timeline and their files. Answers
 * are kept as JSON: each procedure has its own fields, all described by its
 * definition.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('demands', (table) => {
      table.increments('id')
      table.string('reference', 40).nullable().unique()
      table.string('procedure_key', 80).notNullable()
      table.string('service_slug', 60).notNullable()
      table.string('state', 40).notNullable() // 'draft' until submitted, then the workflow's states
      table.string('origin', 10).notNullable().defaultTo('web') // web | counter | phone | mail
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('applicant_first_name', 100).nullable()
      table.string('applicant_last_name', 100).nullable()
      table.string('applicant_email', 254).nullable()
      table.string('applicant_phone', 30).nullable()
      table.text('answers').notNullable()
      table.integer('current_step').notNullable().defaultTo(0)
      table
        .integer('assignee_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table
        .integer('filed_by_agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('submitted_at', { useTz: true }).nullable()
      table.timestamp('due_at', { useTz: true }).nullable()
      table.timestamp('closed_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      // The agents' inbox: a service's demands by date, paginated by key.
      table.index(['service_slug', 'state', 'submitted_at', 'id'])
      table.index(['user_id', 'updated_at'])
      table.index(['state', 'updated_at'])
    })

    this.schema.createTable('demand_events', (table) => {
      table.increments('id')
      table
        .integer('demand_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('demands')
        .onDelete('CASCADE')
      table.string('kind', 20).notNullable() // submitted | transition | message | note | assignment
      table.string('actor_type', 10).notNullable() // resident | agent | system
      table.integer('actor_id').nullable()
      table.string('from_state', 40).nullable()
      table.string('to_state', 40).nullable()
      table.string('transition', 40).nullable()
      table.text('body').nullable()
      table.boolean('visible_to_resident').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['demand_id', 'id'])
    })

    this.schema.createTable('demand_files', (table) => {
      table.increments('id')
      table
        .integer('demand_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('demands')
        .onDelete('CASCADE')
      table
        .integer('event_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('demand_events')
        .onDelete('SET NULL')
      table.string('field_name', 80).nullable()
      table.string('original_name', 255).notNullable()
      table.string('storage_key', 255).notNullable()
      table.string('mime_type', 100).notNullable()
      table.integer('size').notNullable()
      table.string('uploaded_by', 10).notNullable() // resident | agent
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['demand_id'])
    })
  }

  async down() {
    this.schema.dropTable('demand_files')
    this.schema.dropTable('demand_events')
    this.schema.dropTable('demands')
  }
}
