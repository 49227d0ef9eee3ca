import { BaseSchema } from '@adonisjs/lucid/schema'
import { engineOf } from '#core/database/dialect'

/**
 * Corrections of invoices and the outcome of flagged payments:
 * - an invoice cancelled (nothing paid on it) keeps why, when and by whom;
 * - credit notes (avoirs) lower what an invoice asks, with their own number
 *   and reason; `credited_cents` on the invoice is their sum, so what is due
 *   reads from one row;
 * - a payment whose provider result did not match ('mismatch') is resolved
 *   by an agent: credited to the invoice, refunded or dismissed, with a
 *   comment, and leaves the list of payments to check.
 * Lists of invoices and payments read by key (id) within a service or a
 * status: the indexes keep their pages as fast at 100,000 rows as at 1,000.
 */
export default class extends BaseSchema {
  // SQLite drops a column by copying the table: with invoices referenced by
  // payments and lines, that copy must run with foreign keys off, which
  // SQLite ignores inside a transaction.
  static disableTransactions = true

  async up() {
    this.schema.alterTable('invoices', (table) => {
      table.integer('credited_cents').notNullable().defaultTo(0)
      table.string('cancel_reason', 500).nullable()
      table.timestamp('cancelled_at', { useTz: true }).nullable()
      table.integer('cancelled_by_agent_id').unsigned().nullable()
      table.index(['service_slug', 'id'])
      table.index(['status', 'id'])
    })

    this.schema.createTable('credit_notes', (table) => {
      table.increments('id')
      table.string('number', 40).notNullable().unique()
      table
        .integer('invoice_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('invoices')
        .onDelete('RESTRICT')
      table.integer('amount_cents').notNullable()
      table.string('reason', 500).notNullable()
      // The flagged payment this credit note settles, when it comes from a mismatch.
      table.integer('payment_id').unsigned().nullable()
      table.integer('agent_id').unsigned().nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.index(['invoice_id'])
    })

    this.schema.alterTable('payments', (table) => {
      table.string('resolution', 12).nullable() // credited | refunded | dismissed
      table.string('resolution_comment', 1000).nullable()
      table.integer('resolved_by_agent_id').unsigned().nullable()
      table.timestamp('resolved_at', { useTz: true }).nullable()
      table.index(['status', 'id'])
      table.index(['paid_at', 'id'])
      table.index(['receipt_number'])
    })
  }

  async down() {
    const sqlite = engineOf(this.db) === 'sqlite'
    if (sqlite) this.defer((db) => db.rawQuery('PRAGMA foreign_keys = OFF'))
    this.schema.alterTable('payments', (table) => {
      table.dropIndex(['receipt_number'])
      table.dropIndex(['paid_at', 'id'])
      table.dropIndex(['status', 'id'])
      table.dropColumn('resolved_at')
      table.dropColumn('resolved_by_agent_id')
      table.dropColumn('resolution_comment')
      table.dropColumn('resolution')
    })
    this.schema.dropTable('credit_notes')
    this.schema.alterTable('invoices', (table) => {
      table.dropIndex(['status', 'id'])
      table.dropIndex(['service_slug', 'id'])
      table.dropColumn('cancelled_by_agent_id')
      table.dropColumn('cancelled_at')
      table.dropColumn('cancel_reason')
      table.dropColumn('credited_cents')
    })
    if (sqlite) this.defer((db) => db.rawQuery('PRAGMA foreign_keys = ON'))
  }
}
