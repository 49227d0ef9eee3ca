import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Appointments engine: meeting points with desks, meeting types, weekly
 * opening ranges, closures, appointments, and the occupied time units that
 * make double booking impossible.
 *
 * A booked appointment occupies one row per 5-minute unit of its desk in
 * `appointment_units`, unique on (meeting point, desk, unit start): two
 * bookings of the same desk and time cannot both insert their units,
 * whatever the concurrency and on either engine. Times are stored in UTC.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('meeting_points', (table) => {
      table.increments('id')
      table.string('name', 150).notNullable()
      table.string('address_line', 200).notNullable()
      table.string('postal_code', 10).notNullable()
      table.string('city', 100).notNullable()
      table.decimal('latitude', 9, 6).nullable()
      table.decimal('longitude', 9, 6).nullable()
      table.text('access_notes').nullable()
      table.string('service_slug', 60).notNullable()
      table.integer('desks').notNullable().defaultTo(1)
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['service_slug'])
    })

    this.schema.createTable('meeting_types', (table) => {
      table.increments('id')
      table.string('key', 60).notNullable().unique()
      table.string('label', 150).notNullable()
      table.string('service_slug', 60).notNullable()
      table.integer('duration_minutes').notNullable()
      table.boolean('per_person').notNullable().defaultTo(false)
      table.integer('max_persons').notNullable().defaultTo(1)
      table.string('bookable_by', 10).notNullable().defaultTo('resident') // resident | agent
      table.integer('min_delay_hours').notNullable().defaultTo(2)
      table.integer('max_delay_days').notNullable().defaultTo(60)
      table.integer('cancel_deadline_hours').notNullable().defaultTo(24)
      table.boolean('waiting_list').notNullable().defaultTo(false)
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('opening_ranges', (table) => {
      table.increments('id')
      table
        .integer('meeting_point_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('CASCADE')
      table.integer('desk').nullable() // null: every desk
      table.integer('weekday').notNullable() // 1 Monday … 7 Sunday
      table.string('starts_at', 5).notNullable() // HH:mm, Paris wall clock
      table.string('ends_at', 5).notNullable()
      table.index(['meeting_point_id'])
    })

    this.schema.createTable('closures', (table) => {
      table.increments('id')
      table
        .integer('meeting_point_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('CASCADE') // null: every point
      table.string('starts_on', 10).notNullable() // YYYY-MM-DD
      table.string('ends_on', 10).notNullable()
      table.string('starts_at', 5).nullable() // a part of the day only (HH:mm)
      table.string('ends_at', 5).nullable()
      table.string('reason', 200).notNullable()
      table.index(['starts_on', 'ends_on'])
    })

    this.schema.createTable('appointments', (table) => {
      table.increments('id')
      table
        .integer('meeting_point_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('RESTRICT')
      table
        .integer('meeting_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_types')
        .onDelete('RESTRICT')
      table.integer('desk').notNullable()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table.timestamp('ends_at', { useTz: true }).notNullable()
      table.string('status', 12).notNullable() // booked | cancelled | attended | no_show
      table.integer('persons').notNullable().defaultTo(1)
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('email', 254).nullable()
      table.string('phone', 30).nullable()
      table.text('details').notNullable() // JSON: what the brick needs (pre-demande numbers…)
      table.string('origin', 10).notNullable().defaultTo('web')
      table
        .integer('booked_by_agent_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('agents')
        .onDelete('SET NULL')
      table.string('cancelled_by', 10).nullable() // resident | agent | system
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['meeting_point_id', 'starts_at'])
      table.index(['user_id', 'starts_at'])
    })

    this.schema.createTable('appointment_units', (table) => {
      table
        .integer('meeting_point_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('CASCADE')
      table.integer('desk').notNullable()
      table.timestamp('starts_at', { useTz: true }).notNullable()
      table
        .integer('appointment_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('appointments')
        .onDelete('CASCADE')
      table.primary(['meeting_point_id', 'desk', 'starts_at'])
      table.index(['appointment_id'])
    })

    this.schema.createTable('waiting_list_entries', (table) => {
      table.increments('id')
      table
        .integer('meeting_type_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('meeting_types')
        .onDelete('CASCADE')
      table
        .integer('meeting_point_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('meeting_points')
        .onDelete('CASCADE') // null: any point
      table.integer('persons').notNullable().defaultTo(1)
      table
        .integer('user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('email', 254).notNullable()
      table.string('first_name', 100).notNullable()
      table.string('status', 10).notNullable().defaultTo('waiting') // waiting | done | cancelled
      table.string('last_alerted_on', 10).nullable() // YYYY-MM-DD (Paris): at most one alert a day
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['meeting_type_id', 'status', 'id'])
    })
  }

  async down() {
    this.schema.dropTable('waiting_list_entries')
    this.schema.dropTable('appointment_units')
    this.schema.dropTable('appointments')
    this.schema.dropTable('closures')
    this.schema.dropTable('opening_ranges')
    this.schema.dropTable('meeting_types')
    this.schema.dropTable('meeting_points')
  }
}
