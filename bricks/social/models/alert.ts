import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type AlertKind = 'heat' | 'cold'
export const ALERT_KINDS: AlertKind[] = ['heat', 'cold']

/** An "alerte canicule" or "grand froid" the prefect triggered, from one day to another (both included). */
export default class Alert extends BaseModel {
  static table = 'social_alerts'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: AlertKind

  /** YYYY-MM-DD */
  @column()
  declare startsOn: string

  /** YYYY-MM-DD */
  @column()
  declare endsOn: string

  @column()
  declare agentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Whether `day` (YYYY-MM-DD) falls within the alert. */
  covers(day: string) {
    return this.startsOn <= day && day <= this.endsOn
  }
}
