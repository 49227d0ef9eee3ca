import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import MailLogAttachment from '#notifications/models/mail_log_attachment'

/**
 * One mail that left (or, without SMTP, would have left) the platform. Bodies
 * are kept only for the stored transport: with real SMTP, only who, what
 * subject and when are logged, so password-reset links do not pile up here.
 */
export default class MailLogEntry extends BaseModel {
  static table = 'mail_log'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare mailer: string

  @column()
  declare recipients: string

  @column()
  declare subject: string

  @column()
  declare html: string | null

  @column()
  declare text: string | null

  @column()
  declare messageId: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  /** Kept for the stored transport only, like the bodies. */
  @hasMany(() => MailLogAttachment, { foreignKey: 'mailLogId' })
  declare attachments: HasMany<typeof MailLogAttachment>
}
