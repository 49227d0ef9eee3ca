import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type PersonalDataExportStatus = 'pending' | 'ready'

/** How long an archive may be downloaded once it is ready. */
export const EXPORT_VALID_HOURS = 48

/** An archive of everything the portal holds about a resident (see export_personal_data). */
export default class PersonalDataExport extends BaseModel {
  static table = 'personal_data_exports'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column({ serializeAs: null })
  declare token: string

  @column()
  declare status: PersonalDataExportStatus

  @column({ serializeAs: null })
  declare storageKey: string | null

  @column()
  declare size: number | null

  @column()
  declare requestedByAgentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime()
  declare readyAt: DateTime | null

  @column.dateTime()
  declare expiresAt: DateTime | null

  /** Ready and not past its 48 hours at `now`. */
  isDownloadable(now: DateTime) {
    return this.status === 'ready' && this.expiresAt !== null && now < this.expiresAt
  }
}
