import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Payments core: invoices (amounts in cents) with their lines, and payments
 * made through a provider (PayFiP, or its simulator). A payment is recorded
 * once whatever the order and number of the provider's calls: its operation
 * id is unique and its status changes only from "pending".
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('invoices', (table) => {
      table.increments('id')
      table.string('number', 40).notNullable().unique()
      table
        .integer('payer_user_id')
        .unsigned()
        .nullable()
        .references('id')
        .inTable('users')
        .onDelete('SET NULL')
      table.string('payer_name', 200).notNullable()
      table.string('payer_email', 254).nullable()
      table.string('service_slug', 60).notNullable()
      table.string('label', 200).notNullable()
      table.integer('amount_cents').notNullable()
      table.integer('paid_cents').notNullable().defaultTo(0)
      table.string('due_on', 10).notNullable() // YYYY-MM-DD
      table.string('status', 12).notNullable() // issued | partly_paid | paid | cancelled
      table.string('source', 60).nullable() // what issued it (brick and key), for idempotent invoicing runs
      table.timestamp('reminded_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['payer_user_id', 'id'])
      table.index(['service_slug', 'status', 'due_on'])
      table.unique(['source'])
    })

    this.schema.createTable('invoice_lines', (table) => {
      table.increments('id')
      table
        .integer('invoice_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('invoices')
        .onDelete('CASCADE')
      table.string('label', 200).notNullable()
      table.integer('quantity').notNullable()
      table.integer('unit_cents').notNullable()
      table.integer('total_cents').notNullable()
      table.index(['invoice_id'])
    })

    this.schema.createTable('payments', (table) => {
      table.increments('id')
      table
        .integer('invoice_id')
        .unsigned()
        .notNullable()
        .references('id')
        .inTable('invoices')
        .onDelete('RESTRICT')
      table.string('provider', 20).notNullable() // payfip
      table.string('refdet', 30).notNullable().unique()
      table.string('operation_id', 100).nullable().unique()
      table.integer('amount_cents').notNullable()
      table.string('status', 12).notNullable() // pending | paid | refused | cancelled | expired | mismatch
      table.string('result_code', 10).nullable()
      table.string('authorisation', 40).nullable()
      table.string('flag', 300).nullable() // why an agent must look at it
      table.timestamp('paid_at', { useTz: true }).nullable()
      table.timestamp('created_at', { useTz: true }).notNullable()
      table.timestamp('updated_at', { useTz: true }).notNullable()
      table.index(['invoice_id'])
      table.index(['status', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('payments')
    this.schema.dropTable('invoice_lines')
    this.schema.dropTable('invoices')
  }
}
