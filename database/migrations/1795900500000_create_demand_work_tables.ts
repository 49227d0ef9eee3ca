import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * What the back office and the resident space need around demands: the
 * in-portal notifications (and which of them were mailed, for grouping), the
 * audit of agents reading demands, the agents' saved inbox filters, and the
 * resident's mail preferences per kind of event.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('notifications', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
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
      table.string('kind', 30).notNullable() // submitted | status_changed | message | information_requested
      table.string('to_state', 40).nullable()
      table.boolean('mail_wanted').notNullable().defaultTo(true)
      table.timestamp('mailed_at', { useTz: true }).nullable()
      table.timestamp('read_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['user_id', 'id'])
      table.index(['demand_id', 'mailed_at'])
    })

    this.schema.createTable('audit_entries', (table) => {
      table.increments('id')
      table
        .integer('agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table
        .integer('demand_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('demands')
        .onDelete('SET NULL')
      table.string('action', 40).notNullable() // demand.viewed | file.downloaded | demand.exported
      table.string('detail', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['created_at', 'id'])
      table.index(['demand_id'])
    })

    this.schema.createTable('saved_filters', (table) => {
      table.increments('id')
      table
        .integer('agent_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('agents')
        .onDelete('CASCADE')
      table.string('name', 80).notNullable()
      table.string('query', 1000).notNullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.unique(['agent_id', 'name'])
    })

    this.schema.alterTable('users', (table) => {
      table.boolean('mail_on_status_change').notNullable().defaultTo(true)
      table.boolean('mail_on_message').notNullable().defaultTo(true)
    })

    // The inbox reads a service's *open* demands: partial indexes keep its
    // cost proportional to the work in progress, not to years of closed
    // history (see bench/inbox.ts). Closed or "all" views use the full one.
    this.schema.alterTable('demands', (table) => {
      table.dropIndex(['service_slug', 'state', 'submitted_at', 'id'])
      table.index(['service_slug', 'submitted_at', 'id'])
      table.index(['assignee_id'])
    })
    this.schema.raw(
      'CREATE INDEX demands_open_by_date ON demands (service_slug, submitted_at, id) WHERE closed_at IS NULL'
    )
    this.schema.raw(
      'CREATE INDEX demands_open_by_deadline ON demands (service_slug, due_at, id) WHERE closed_at IS NULL'
    )
  }

  async down() {
    this.schema.raw('DROP INDEX demands_open_by_deadline')
    this.schema.raw('DROP INDEX demands_open_by_date')
    this.schema.alterTable('demands', (table) => {
      table.dropIndex(['service_slug', 'submitted_at', 'id'])
      table.dropIndex(['assignee_id'])
      table.index(['service_slug', 'state', 'submitted_at', 'id'])
    })
    this.schema.alterTable('users', (table) => {
      table.dropColumn('mail_on_status_change')
      table.dropColumn('mail_on_message')
    })
    this.schema.dropTable('saved_filters')
    this.schema.dropTable('audit_entries')
    this.schema.dropTable('notifications')
  }
}
