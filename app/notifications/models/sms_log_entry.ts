import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type SmsLogStatus = 'sent' | 'failed' | 'over_cap'

/** One SMS the platform sent or held back: never the text, the number masked. */
export default class SmsLogEntry extends BaseModel {
  static table = 'sms_log'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @column()
  declare recipientMasked: string

  @column()
  declare sender: string

  /** the kinds of notices it carried, comma-separated */
  @column()
  declare kinds: string

  @column()
  declare encoding: string

  @column()
  declare segments: number

  @column()
  declare status: SmsLogStatus

  @column()
  declare providerReference: string | null

  /** segments × the price per segment when it left, in thousandths of a euro */
  @column()
  declare costMillis: number

  @column()
  declare error: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
