import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Attachments of the mails kept by the stored transport (no SMTP set): the
 * appointment's .ics, a receipt… so that an admin of a demo or of an install
 * without SMTP can open what the resident would have received.
 */
export default class extends BaseSchema {
  protected tableName = 'mail_log_attachments'

  async up() {
    this.schema.createTable(this.tableName, (table) => {
      table.increments('id')
      table
        .integer('mail_log_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('mail_log')
        .onDelete('CASCADE')
      table.string('filename', 255).notNullable()
      table.string('content_type', 255).notNullable()
      table.integer('size').notNullable()
      table.binary('content').notNullable()
      table.index(['mail_log_id'])
    })
  }

  async down() {
    this.schema.dropTable(this.tableName)
  }
}
