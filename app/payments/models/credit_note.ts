import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/**
 * A credit note (avoir): part or all of an invoice the city no longer asks,
 * with its own number (`AV-<year>-<6 digits>`) and the reason the resident
 * reads; from a flagged payment when it settles one.
 */
export default class CreditNote extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare number: string

  @column()
  declare invoiceId: number

  @column()
  declare amountCents: number

  @column()
  declare reason: string

  @column()
  declare paymentId: number | null

  @column()
  declare agentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
