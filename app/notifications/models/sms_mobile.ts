import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A resident's mobile number: the verified one, and the one waiting for its code. */
export default class SmsMobile extends BaseModel {
  static table = 'sms_mobiles'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  /** verified, in E.164 */
  @column()
  declare number: string | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  /** typed by the resident, waiting for its code */
  @column()
  declare pendingNumber: string | null

  @column({ serializeAs: null })
  declare codeHash: string | null

  @column.dateTime()
  declare codeExpiresAt: DateTime | null

  @column()
  declare codeAttempts: number

  /** codes sent since `codesWindowStartedAt` (at most a few an hour) */
  @column()
  declare codesSent: number

  @column.dateTime()
  declare codesWindowStartedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isVerified() {
    return this.number !== null && this.verifiedAt !== null
  }
}
