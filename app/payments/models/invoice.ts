import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import InvoiceLine from '#payments/models/invoice_line'
import Payment from '#payments/models/payment'

export type InvoiceStatus = 'issued' | 'partly_paid' | 'paid' | 'cancelled'

/** What a payer owes the city for one service and period, in cents. */
export default class Invoice extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string

  @column()
  declare payerUserId: number | null

  @column()
  declare payerName: string

  @column()
  declare payerEmail: string | null

  @column()
  declare serviceSlug: string

  @column()
  declare label: string

  @column()
  declare amountCents: number

  @column()
  declare paidCents: number

  /** YYYY-MM-DD */
  @column()
  declare dueOn: string

  @column()
  declare status: InvoiceStatus

  @column()
  declare source: string | null

  @column.dateTime()
  declare remindedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => InvoiceLine)
  declare lines: HasMany<typeof InvoiceLine>

  @hasMany(() => Payment)
  declare payments: HasMany<typeof Payment>

  get dueCents() {
    return Math.max(0, this.amountCents - this.paidCents)
  }

  get payable() {
    return (this.status === 'issued' || this.status === 'partly_paid') && this.dueCents > 0
  }
}
