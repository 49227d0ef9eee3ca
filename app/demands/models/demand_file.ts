import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A file attached to a demand (an answer or a message), kept through Drive, never served directly. */
export default class DemandFile extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare demandId: number

  @column()
  declare eventId: number | null

  @column()
  declare fieldName: string | null

  @column()
  declare originalName: string

  @column()
  declare storageKey: string

  @column()
  declare mimeType: string

  @column()
  declare size: number

  @column()
  declare uploadedBy: 'resident' | 'agent'

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
