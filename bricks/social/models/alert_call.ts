import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type CallOutcome = 'reached' | 'not_reached' | 'visit'
export const CALL_OUTCOMES: CallOutcome[] = ['reached', 'not_reached', 'visit']

/** One call an agent logged for a registered person during an alert. */
export default class AlertCall extends BaseModel {
  static table = 'social_alert_calls'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare alertId: number

  @column()
  declare entryId: number

  /** YYYY-MM-DD, the day of the call list */
  @column()
  declare day: string

  @column()
  declare outcome: CallOutcome

  @column()
  declare note: string | null

  @column()
  declare agentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
