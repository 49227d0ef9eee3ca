import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A patrol went by a home: when (the clock's time), a remark, and whether something was wrong. */
export default class OtvPassage extends BaseModel {
  static table = 'police_otv_passages'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare absenceId: number

  @column()
  declare agentId: number | null

  @column.dateTime()
  declare passedAt: DateTime

  @column()
  declare remark: string | null

  @column({ consume: (value) => Boolean(value) })
  declare anomaly: boolean

  @column.dateTime()
  declare anomalyClosedAt: DateTime | null

  @column()
  declare anomalyNote: string | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
