import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * The activities engine's tables, shared by every module with activities.
 * `owner` is the module that runs the activity (each sees only its own
 * rows); it is repeated on sessions and registrations so that a module's
 * lists filter on one column without joins.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('activities', (table) => {
      table.increments('id')
      table.string('owner', 40).notNullable()
      table.string('kind', 20).notNullable()
      table.string('name', 150).notNullable()
      table.text('description').nullable()
      table.string('season', 20).nullable() // the programme it belongs to, e.g. 2026-2027
      table.string('location', 200).nullable()
      table.integer('min_age').notNullable().defaultTo(0)
      table.integer('max_age').notNullable().defaultTo(120)
      table.string('pricing', 12).notNullable().defaultTo('session') // session | period
      table.text('prices').notNullable() // JSON: cents by band { "A": 250, "B": 400, … }
      table.string('opens_on', 10).notNullable() // registrations, YYYY-MM-DD
      table.string('closes_on', 10).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.text('options').notNullable().defaultTo('{}') // JSON: what the owner offers (companion seat, shuttle…)
      table.index(['owner', 'active'])
    })

    this.schema.createTable('activity_sessions', (table) => {
      table.increments('id')
      table.string('owner', 40).notNullable()
      table
        .integer('activity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('activities')
        .onDelete('CASCADE')
      table.string('label', 150).notNullable()
      table.string('starts_on', 10).notNullable()
      table.string('ends_on', 10).notNullable()
      table.string('starts_at', 5).nullable() // HH:MM, when the time matters (an outing's departure)
      table.integer('capacity').notNullable()
      table.boolean('closed').notNullable().defaultTo(false)
      table.index(['activity_id'])
      table.index(['owner', 'starts_on'])
    })

    this.schema.createTable('activity_registrations', (table) => {
      table.increments('id')
      table.string('owner', 40).notNullable()
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('activity_sessions')
        .onDelete('CASCADE')
      // Who takes part: a household member, the account holder (member empty),
      // or nobody with an account (registered at the counter: the owner keeps the name).
      table
        .integer('household_member_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('status', 12).notNullable() // placed | waiting | cancelled | refused
      table.integer('seats').notNullable().defaultTo(1) // places taken (a companion takes one)
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.text('attendance').notNullable().defaultTo('{}') // JSON: { "2026-12-02": true }
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['session_id', 'status', 'id'])
      table.index(['user_id'])
      table.index(['owner', 'status'])
    })
  }

  async down() {
    this.schema.dropTableIfExists('activity_registrations')
    this.schema.dropTableIfExists('activity_sessions')
    this.schema.dropTableIfExists('activities')
  }
}
