import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Someone who wants to be told when a slot of this type frees up (first come, first told). */
export default class WaitingListEntry extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare meetingTypeId: number

  @column()
  declare meetingPointId: number | null

  @column()
  declare persons: number

  @column()
  declare userId: number | null

  @column()
  declare email: string

  @column()
  declare firstName: string

  @column()
  declare status: 'waiting' | 'done' | 'cancelled'

  @column()
  declare lastAlertedOn: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
