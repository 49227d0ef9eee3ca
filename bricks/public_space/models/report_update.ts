import { BaseModel, column } from '@adonisjs/lucid/orm'
import type { DateTime } from 'luxon'

/** What happened to a report: a public update, an internal note, a reopening by its reporter. */
export default class ReportUpdate extends BaseModel {
  static table = 'public_space_updates'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare reportId: number

  @column()
  declare kind: 'public' | 'internal' | 'reopened' | 'fixed'

  @column()
  declare status: string | null

  @column()
  declare body: string

  @column()
  declare agentId: number | null

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
}
