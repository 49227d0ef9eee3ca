import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.date('birth_date').nullable()
      table.string('phone', 30).nullable()
      table.string('address_line', 200).nullable()
      table.string('address_complement', 200).nullable()
      table.string('postal_code', 10).nullable()
      table.string('city', 100).nullable()
      table.boolean('notify_by_email').notNullable().defaultTo(true)
      table.boolean('notify_by_sms').notNullable().defaultTo(false)
      table.string('locale', 5).notNullable().defaultTo('fr')
      table.timestamp('email_verified_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('household_members', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('users')
        .onDelete('CASCADE')
      table.string('kind', 10).notNullable() // adult | child
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.date('birth_date').nullable()
      table.string('school', 150).nullable()
      table.string('school_class', 50).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['user_id'])
    })

    this.schema.createTable('services', (table) => {
      table.increments('id')
      table.string('slug', 60).notNullable().unique()
      table.string('name', 150).notNullable()
      table.string('email', 254).nullable()
      table.text('description').nullable()
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('agents', (table) => {
      table.increments('id')
      table.string('email', 254).notNullable().unique()
      table.string('password').notNullable()
      table.string('first_name', 100).notNullable()
      table.string('last_name', 100).notNullable()
      table.string('role', 20).notNullable().defaultTo('agent') // agent | supervisor | admin
      table.boolean('active').notNullable().defaultTo(true)
      table.timestamp('last_login_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })

    this.schema.createTable('agent_services', (table) => {
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
      table.primary(['agent_id', 'service_id'])
      table.index(['service_id'])
    })

    this.schema.createTable('mail_log', (table) => {
      table.increments('id')
      table.string('mailer', 20).notNullable()
      table.text('recipients').notNullable()
      table.string('subject', 300).notNullable()
      table.text('html').nullable()
      table.text('text').nullable()
      table.string('message_id', 300).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['created_at'])
    })

    this.schema.createTable('settings', (table) => {
      table.string('key', 100).primary()
      table.text('value').nullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
    })
  }

  async down() {
    this.schema.dropTable('settings')
    this.schema.dropTable('mail_log')
    this.schema.dropTable('agent_services')
    this.schema.dropTable('agents')
    this.schema.dropTable('services')
    this.schema.dropTable('household_members')
    this.schema.dropTable('users')
  }
}
