import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A file attached to a mail kept by the stored transport (see MailLogEntry). */
export default class MailLogAttachment extends BaseModel {
  static table = 'mail_log_attachments'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare mailLogId: number

  @column()
  declare filename: string

  @column()
  declare contentType: string

  @column()
  declare size: number

  /** The bytes as sent; never selected for lists. */
  @column({ serializeAs: null })
  declare content: Buffer
}
