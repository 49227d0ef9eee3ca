import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Childhood brick: schools, what the service knows of each child of a
 * household (verified, school, class), activities with their sessions and
 * registrations (with a waiting list), school catering registrations with
 * the agent's absences, and each family's quotient familial.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('childhood_schools', (table) => {
      table.increments('id')
      table.string('name', 150).notNullable()
      table.string('address', 200).nullable()
    })

    this.schema.createTable('childhood_children', (table) => {
      table.increments('id')
      table
        .integer('household_member_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('childhood_schools')
        .onDelete('SET NULL')
      table.string('class_name', 40).nullable()
      table.timestamp('verified_at', { useTz: true }).nullable()
      table
        .integer('verified_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
    })

    this.schema.createTable('childhood_activities', (table) => {
      table.increments('id')
      table.string('kind', 20).notNullable() // periscolaire | extrascolaire
      table.string('name', 150).notNullable()
      table.text('description').nullable()
      table.integer('min_age').notNullable().defaultTo(3)
      table.integer('max_age').notNullable().defaultTo(11)
      table.string('pricing', 12).notNullable().defaultTo('session') // session | period
      table.text('prices').notNullable() // JSON: cents by quotient band { "A": 250, "B": 400, … }
      table.string('opens_on', 10).notNullable() // registrations, YYYY-MM-DD
      table.string('closes_on', 10).notNullable()
      table.boolean('active').notNullable().defaultTo(true)
    })

    this.schema.createTable('childhood_sessions', (table) => {
      table.increments('id')
      table
        .integer('activity_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('childhood_activities')
        .onDelete('CASCADE')
      table.string('label', 150).notNullable()
      table.string('starts_on', 10).notNullable()
      table.string('ends_on', 10).notNullable()
      table.integer('capacity').notNullable()
      table.index(['activity_id'])
    })

    this.schema.createTable('childhood_registrations', (table) => {
      table.increments('id')
      table
        .integer('session_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('childhood_sessions')
        .onDelete('CASCADE')
      table
        .integer('household_member_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('status', 12).notNullable() // placed | waiting | cancelled | refused
      table.timestamp('accepted_at', { useTz: true }).nullable()
      table.text('attendance').notNullable().defaultTo('{}') // JSON: { "2026-12-02": true }
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['session_id', 'status', 'id'])
      table.index(['user_id'])
    })

    this.schema.createTable('childhood_canteen_registrations', (table) => {
      table.increments('id')
      table
        .integer('household_member_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('household_members')
        .onDelete('CASCADE')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('school_year', 9).notNullable() // 2026-2027
      table.string('days', 20).notNullable() // weekdays eaten, e.g. "1,2,4,5"
      table.string('status', 12).notNullable().defaultTo('active') // active | cancelled
      table.text('absences').notNullable().defaultTo('[]') // JSON: dates an agent marked absent
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.unique(['household_member_id', 'school_year'])
      table.index(['user_id'])
    })

    this.schema.createTable('childhood_quotients', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.integer('value').notNullable()
      table.string('document_key', 255).nullable()
      table.string('document_name', 255).nullable()
      table.string('status', 12).notNullable() // pending | validated | rejected
      table
        .integer('validated_by')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id', 'status'])
    })
  }

  async down() {
    for (const table of [
      'childhood_quotients',
      'childhood_canteen_registrations',
      'childhood_registrations',
      'childhood_sessions',
      'childhood_activities',
      'childhood_children',
      'childhood_schools',
    ]) {
      this.schema.dropTable(table)
    }
  }
}
