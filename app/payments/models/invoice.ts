import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import InvoiceLine from '#payments/models/invoice_line'
import Payment from '#payments/models/payment'
import CreditNote from '#payments/models/credit_note'

/** `credited`: credit notes cover what was asked and nothing was paid. */
export type InvoiceStatus = 'issued' | 'partly_paid' | 'paid' | 'cancelled' | 'credited'

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

  /** The sum of its credit notes (avoirs): what the city no longer asks. */
  @column()
  declare creditedCents: number

  /** YYYY-MM-DD */
  @column()
  declare dueOn: string

  @column()
  declare status: InvoiceStatus

  @column()
  declare source: string | null

  @column.dateTime()
  declare remindedAt: DateTime | null

  @column()
  declare cancelReason: string | null

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column()
  declare cancelledByAgentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  @hasMany(() => InvoiceLine)
  declare lines: HasMany<typeof InvoiceLine>

  @hasMany(() => Payment)
  declare payments: HasMany<typeof Payment>

  @hasMany(() => CreditNote)
  declare creditNotes: HasMany<typeof CreditNote>

  /** What the city still asks: nothing once cancelled, else the amount less payments and credit notes. */
  get dueCents() {
    if (this.status === 'cancelled') return 0
    return Math.max(0, this.amountCents - (this.creditedCents ?? 0) - this.paidCents)
  }

  /** The status its amounts give once a payment or a credit note is added (never un-cancels). */
  settle() {
    if (this.status === 'cancelled') return
    const covered = this.paidCents + (this.creditedCents ?? 0) >= this.amountCents
    if (covered) this.status = this.paidCents > 0 ? 'paid' : 'credited'
    else this.status = this.paidCents > 0 ? 'partly_paid' : 'issued'
  }

  get payable() {
    return (this.status === 'issued' || this.status === 'partly_paid') && this.dueCents > 0
  }
}
