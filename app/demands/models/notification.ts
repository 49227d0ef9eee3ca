import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Demand from '#demands/models/demand'

export type NotificationKind = 'submitted' | 'status_changed' | 'message' | 'information_requested'

/** Something a resident should know about one of their demands: listed in the portal, mailed (grouped) when they want it. */
export default class Notification extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number | null

  @column()
  declare demandId: number

  @column()
  declare eventId: number | null

  @column()
  declare kind: NotificationKind

  @column()
  declare toState: string | null

  @column({ consume: (value) => Boolean(value) })
  declare mailWanted: boolean

  @column.dateTime()
  declare mailedAt: DateTime | null

  @column.dateTime()
  declare readAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @belongsTo(() => Demand)
  declare demand: BelongsTo<typeof Demand>
}
