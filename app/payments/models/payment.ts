import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type DeskMethod = 'cash' | 'cheque' | 'card'
export const DESK_METHODS: DeskMethod[] = ['cash', 'cheque', 'card']

export type PaymentStatus =
  'pending' | 'paid' | 'refused' | 'cancelled' | 'expired' | 'mismatch' | 'refunded' | 'dismissed'

/** What an agent decides for a flagged payment: count it on the invoice, pay it back, or set it aside. */
export type MismatchResolution = 'credited' | 'refunded' | 'dismissed'
export const MISMATCH_RESOLUTIONS: MismatchResolution[] = ['credited', 'refunded', 'dismissed']

/**
 * One attempt to pay an invoice online (`refdet` is our reference at the
 * provider, `operationId` theirs), or a payment taken at the desk (provider
 * "desk", with its method and receipt number).
 */
export default class Payment extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare invoiceId: number

  @column()
  declare provider: string

  @column()
  declare refdet: string

  @column()
  declare operationId: string | null

  @column()
  declare amountCents: number

  @column()
  declare status: PaymentStatus

  @column()
  declare resultCode: string | null

  @column()
  declare authorisation: string | null

  @column()
  declare flag: string | null

  /** cash, cheque or card (terminal) at the desk; null online */
  @column()
  declare method: DeskMethod | null

  @column()
  declare receiptNumber: string | null

  @column()
  declare chequeNumber: string | null

  @column()
  declare chequeBank: string | null

  @column()
  declare recordedByAgentId: number | null

  /** the billing software that took the payment at its own desk (through /api/v1), by its name then */
  @column()
  declare recordedBySoftware: string | null

  @column.dateTime()
  declare paidAt: DateTime | null

  @column()
  declare resolution: MismatchResolution | null

  @column()
  declare resolutionComment: string | null

  @column()
  declare resolvedByAgentId: number | null

  @column.dateTime()
  declare resolvedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
