import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** The commission's date and decision on one aid request (see the migration). */
export default class AidDecision extends BaseModel {
  static table = 'social_aid_decisions'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare demandId: number

  @column()
  declare commissionOn: string

  @column()
  declare outcome: 'granted' | 'refused' | null

  @column()
  declare amountCents: number | null

  @column()
  declare reason: string | null

  @column()
  declare agentId: number | null

  @column.dateTime()
  declare decidedAt: DateTime | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
