import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import MeetingPoint from '#appointments/models/meeting_point'
import MeetingType from '#appointments/models/meeting_type'

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
  /** done: the resident booked that type; cancelled: they left; expired: past the type's booking horizon */
  declare status: 'waiting' | 'done' | 'cancelled' | 'expired'

  @column()
  declare lastAlertedOn: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => MeetingType)
  declare meetingType: BelongsTo<typeof MeetingType>

  @belongsTo(() => MeetingPoint)
  declare meetingPoint: BelongsTo<typeof MeetingPoint>
}
