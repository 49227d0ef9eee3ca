import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'

/** A photo of a report, re-encoded without any metadata when it was received. */
export default class Photo extends BaseModel {
  static table = 'public_space_photos'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reportId: number

  @column()
  declare storageKey: string

  @column()
  declare mimeType: string

  @column({ consume: (value) => Boolean(value) })
  declare accepted: boolean

  @column()
  declare origin: string

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
