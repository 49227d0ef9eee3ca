import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type SmsNoticeStatus = 'pending' | 'sent' | 'over_cap' | 'withdrawn' | 'opted_out' | 'failed'

/**
 * Something to tell a resident by SMS, written in the transaction of what
 * causes it. The resident's send_sms job groups the notices due together into
 * one SMS (see jobs/send_sms.ts).
 */
export default class SmsNotice extends BaseModel {
  static table = 'sms_notices'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare kind: string

  @column()
  declare body: string

  @column({ consume: (value) => Boolean(value) })
  declare urgent: boolean

  /** what it is about (`appointment:12`): withdrawn when that changes */
  @column()
  declare subjectKey: string | null

  @column()
  declare idempotencyKey: string

  @column.dateTime()
  declare dueAt: DateTime

  @column()
  declare status: SmsNoticeStatus

  @column()
  declare smsLogId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
